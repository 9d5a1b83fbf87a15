extension Array {
    /// The same elements in storage of just their count. An array grown by appending keeps the spare room of its
    /// last doubling (a third of its storage on average), for as long as it lives: parsed documents live through
    /// the whole build.
    func exactlySized() -> [Element] {
        capacity > count ? withUnsafeBufferPointer { Array($0) } : self
    }
}
