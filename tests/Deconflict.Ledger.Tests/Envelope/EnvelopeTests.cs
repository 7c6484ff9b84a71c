using System.Text;
using System.Text.Json;
using CsCheck;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Envelope;

using Envelope = Deconflict.Ledger.Envelope.Envelope;

public sealed class EnvelopeTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void FromCanonicalBody_CanonicalObject_IsTheEnvelopeOfThatBody() =>
        JsonGen.Value.Where(json => json.TrimStart().StartsWith('{')).Sample(json =>
        {
            var canonical = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json));
            using var document = JsonDocument.Parse(json);

            var trusted = Envelope.FromCanonicalBody("us", 4, Time, "declaration", canonical);

            var parsed = new Envelope("us", 4, Time, "declaration", document.RootElement);
            Assert.Equal(parsed.ToCanonicalJson(), trusted.ToCanonicalJson());
            Assert.Equal(canonical.Length, trusted.BodyBytes);
            Assert.True(JsonGen.SameValue(document.RootElement, trusted.Body));
        }, iter: 500);

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"x\"")]
    [InlineData("")]
    public void FromCanonicalBody_NotAnObject_Throws(string body) =>
        Assert.Throws<ArgumentException>(() => Envelope.FromCanonicalBody("us", 4, Time, "declaration", Encoding.UTF8.GetBytes(body)));
}
