import Foundation

/// The bytes of one figure file and their MIME type (`image/svg+xml` preferred, `image/png` ...).
public struct ImageAsset: Sendable, Equatable {
    public var data: Data
    public var mimeType: String

    public init(data: Data, mimeType: String) {
        self.data = data
        self.mimeType = mimeType
    }

    /// The image as a `data:` URI, base64-encoded.
    public var dataURI: String { "data:\(mimeType);base64,\(data.base64EncodedString())" }
}
