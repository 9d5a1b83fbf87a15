import FuzzInvariants

/// libFuzzer entry point; the invariants are `FuzzInvariants.importer` (Sources/FuzzInvariants), shared with the
/// regression tests.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInvariants.fuzz(data, size, FuzzInvariants.importer)
}
