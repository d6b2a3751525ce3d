// expect: 
import Foundation
enum Transport { case httpStream(port: Int) }
let t = Transport.httpStream(port: 1)
