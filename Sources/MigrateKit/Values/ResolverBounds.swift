/// How far the value resolver goes before it says so: reaching a bound makes the site `review`,
/// with the bound named in its reason.
enum ResolverBounds {
    /// Steps followed from one expression (a name to its declaration, a call to its returns, an
    /// import to its export…).
    static let depth = 8
    /// Modules read for one site beyond the file it is in.
    static let modulesPerSite = 64
    /// Time spent opening modules for one package.
    static let secondsPerPackage = 2.0
}
