// expect: apply
import FastMCP
let t = Transport.httpStream(port: 1, stateless: true)
