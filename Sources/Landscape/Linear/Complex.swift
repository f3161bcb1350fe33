/// A complex double with the memory layout LAPACK expects (real part, then imaginary part).
public struct Complex: Hashable, Sendable, Codable, CustomStringConvertible {
    public var re: Double
    public var im: Double

    @inlinable public init(_ re: Double, _ im: Double = 0) { self.re = re; self.im = im }

    public static let zero = Complex(0, 0)
    public static let one = Complex(1, 0)

    @inlinable public var conjugate: Complex { Complex(re, -im) }
    @inlinable public var magnitudeSquared: Double { re * re + im * im }
    @inlinable public var magnitude: Double { magnitudeSquared.squareRoot() }

    @inlinable public static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    @inlinable public static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    @inlinable public static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    @inlinable public static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    @inlinable public static func * (s: Double, a: Complex) -> Complex { Complex(s * a.re, s * a.im) }
    @inlinable public static func / (a: Complex, b: Complex) -> Complex {
        let d = b.magnitudeSquared
        return Complex((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d)
    }
    @inlinable public static func += (a: inout Complex, b: Complex) { a.re += b.re; a.im += b.im }
    @inlinable public static func -= (a: inout Complex, b: Complex) { a.re -= b.re; a.im -= b.im }

    public var description: String { im < 0 ? "\(re)-\(-im)i" : "\(re)+\(im)i" }
}
