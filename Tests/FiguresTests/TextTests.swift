import Testing
@testable import Figures

@Test func scriptCharactersBecomeSmallerRaisedOrLoweredRuns() {
    #expect(TextRun.runs("10⁻³") == [TextRun(text: "10", script: .normal), TextRun(text: "\u{2212}3", script: .superscript)])
    #expect(TextRun.runs("q₁₂ ≥ 0") == [TextRun(text: "q", script: .normal), TextRun(text: "12", script: .lowered),
                                        TextRun(text: " ≥ 0", script: .normal)])
    #expect(TextRun.runs("r⁻¹·⁵") == [TextRun(text: "r", script: .normal), TextRun(text: "\u{2212}1.5", script: .superscript)])
    #expect(TextRun.runs("a · b") == [TextRun(text: "a · b", script: .normal)])
}

@Test func measuredWidthsFollowTheRuns() {
    let typesetter = Typesetter()
    let font = FontStyle(size: 10)
    let power = typesetter.measure("10⁻³", font)
    let plain = typesetter.measure("10", font)
    let exponent = typesetter.measure("\u{2212}3", FontStyle(size: 7))
    #expect(abs(power.width - (plain.width + exponent.width)) < 1e-9)
    #expect(power.ascent == plain.ascent, "one baseline per font")
    #expect(typesetter.measure("", font).width == 0)
    #expect(typesetter.measure("Δ = 4", font).width > typesetter.measure("Δ", font).width)
}

@Test func texStyleGroupsBecomeScriptRuns() {
    #expect(TextRun.runs("D_{mean} = 2⟨ΔL⟩/T") == [TextRun(text: "D", script: .normal), TextRun(text: "mean", script: .lowered),
                                                  TextRun(text: " = 2⟨ΔL⟩/T", script: .normal)])
    #expect(TextRun.runs("λ_{max}·T^{-1}") == [TextRun(text: "λ", script: .normal), TextRun(text: "max", script: .lowered),
                                               TextRun(text: "·T", script: .normal), TextRun(text: "\u{2212}1", script: .superscript)])
    // Without braces, or without a closing brace, the characters stay as they are.
    #expect(TextRun.runs("tau_err") == [TextRun(text: "tau_err", script: .normal)])
    #expect(TextRun.runs("a_{b") == [TextRun(text: "a_{b", script: .normal)])
}
