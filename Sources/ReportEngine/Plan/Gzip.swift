import CZlib
import Foundation

/// gzip (RFC 1952) decompression of data files through zlib, with a cap on the output so that a
/// small file cannot expand into all of memory (a decompression bomb).
enum Gzip {
    /// 1 GiB: far above any data file a report reads.
    static let outputLimit = 1 << 30

    /// Whether `data` starts with gzip's magic bytes 1f 8b.
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The decompressed bytes of `data`, one gzip member or several concatenated (as `cat a.gz
    /// b.gz` makes); a corrupted or truncated stream, or output beyond `limit` bytes, is a failure.
    static func decompress(_ data: Data, limit: Int = outputLimit) throws -> Data {
        var stream = z_stream()
        // Window bits 15 + 16: a gzip wrapper around a deflate stream with a 32 KiB window.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard output.count + produced <= limit else {
                    throw Failure(description: "it decompresses to more than \(limit >> 20) MiB; refusing to read it")
                }
                output.append(contentsOf: chunk.prefix(produced))
                switch status {
                case Z_STREAM_END:
                    guard stream.avail_in > 0 else { return }
                    // Another member follows; anything that is not one fails its header check.
                    guard inflateReset(&stream) == Z_OK else { throw Failure(description: "zlib could not read the next gzip member") }
                case Z_OK, Z_BUF_ERROR:
                    if stream.avail_in == 0 && stream.avail_out > 0 {
                        throw Failure(description: "the compressed data end early (a truncated file?)")
                    }
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw Failure(description: "corrupted gzip data (\(reason))")
                }
            }
        }
        return output
    }
}
