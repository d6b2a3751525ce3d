/// The version of this package: what every binary's `--version` prints and every `serverInfo`
/// and `clientInfo` this package sends by itself carries. One constant, so they cannot drift.
public enum PackageVersion {
    /// The release, `MAJOR.MINOR.PATCH`.
    public static let current = "0.2.0"
}
