import Foundation

// SwiftPM makes this file the program's `main` (it aliases `main` to the target's entry
// point), so libFuzzer's own `main` never runs: its driver is called here instead, with the
// command line and the harness in FuzzPipeline.swift.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv, { fuzzPipeline($0, $1) }))
