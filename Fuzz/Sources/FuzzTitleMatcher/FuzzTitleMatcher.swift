import FuzzInvariants

/// libFuzzer entry point; the invariants are `FuzzInvariants.titleMatcher` (Sources/FuzzInvariants), shared with the
/// regression tests.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTitleMatcher(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInvariants.fuzz(data, size, FuzzInvariants.titleMatcher)
}
