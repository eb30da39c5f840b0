import COpenSSL

/// One reference to a libcrypto object, freed when this value goes out of scope unless
/// ``take()`` hands it on.
///
/// Why: an object libcrypto makes must have an owner from the line that makes it, or the
/// first `throw` after that line leaks it. Temporaries get a `defer` on the next line;
/// this is for the objects that are built up over several failable steps and then given
/// to a Swift class that frees them in its `deinit` (``Certificate``,
/// ``CertificateRequest``): until the hand-over every `throw` frees them here, and after
/// it the class does.
///
/// Non-copyable, so a reference cannot be freed twice or handed on twice.
struct Owned: ~Copyable {
    /// The object; borrowed by the calls that use it, never freed by them.
    let pointer: OpaquePointer
    private let free: @convention(c) (OpaquePointer?) -> Void

    /// Owns `pointer`, which `free` releases.
    init(_ pointer: OpaquePointer, free: @convention(c) (OpaquePointer?) -> Void) {
        self.pointer = pointer
        self.free = free
    }

    /// Owns what a libcrypto constructor returned, or throws ``BundleError/Code/cryptoFailure``
    /// when it returned nothing (out of memory), naming what was being made.
    init(_ pointer: OpaquePointer?, free: @convention(c) (OpaquePointer?) -> Void, making what: String) throws(BundleError) {
        guard let pointer else { throw BundleError.cryptoFailure("tạo \(what)") }
        self.init(pointer, free: free)
    }

    deinit { free(pointer) }

    /// Hands the reference to a new owner, which must free it.
    consuming func take() -> OpaquePointer {
        let pointer = self.pointer
        discard self
        return pointer
    }
}
