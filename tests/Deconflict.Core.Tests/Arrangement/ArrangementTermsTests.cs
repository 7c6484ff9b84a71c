using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Tests.Negotiate;

namespace Deconflict.Tests.Arrangement;

public sealed class ArrangementTermsTests
{
    private static readonly PartyId Us = TestArrangement.Us;
    private static readonly PartyId Ru = TestArrangement.Ru;

    private static ArrangementTerms Make(
        IEnumerable<PartyTerms>? parties = null, IEnumerable<IEnumerable<PartyId>>? coalitions = null,
        string[]? chain = null, TimeSpan? deadline = null, int version = 1) => new(
        version,
        parties ?? [new PartyTerms(Us, "k"), new PartyTerms(Ru, "k")],
        coalitions ?? [],
        TimeSpan.Zero,
        new Dictionary<KindPair, Distance>(),
        deadline ?? TimeSpan.FromMinutes(1),
        chain ?? [ArrangementTerms.Hotline],
        new Dictionary<KindPair, Distance>(),
        0,
        TimeSpan.Zero);

    [Fact]
    public void Constructor_ValidTerms_KeepsThem()
    {
        var terms = TestArrangement.Build();
        Assert.Equal(3, terms.Parties.Count);
        Assert.True(terms.AreAllies(TestArrangement.Us, TestArrangement.Uk));
        Assert.False(terms.AreAllies(TestArrangement.Us, TestArrangement.Ru));
        Assert.False(terms.AreAllies(TestArrangement.Us, TestArrangement.Us));
        Assert.Equal(500, terms.SeparationFor(KindPair.Of("ground", "ground")).Metres);
        Assert.Equal(0, terms.SeparationFor(KindPair.Of("air", "ground")).Metres);
    }

    [Fact]
    public void Constructor_OneParty_ThrowsNamingParties()
    {
        var e = Assert.Throws<ArrangementException>(() => Make(parties: [new PartyTerms(Us, "k")]));
        Assert.Equal(("arrangement.invalid", "parties"), (e.Code, e.Field));
    }

    [Fact]
    public void Constructor_DuplicateParty_ThrowsNamingIndex()
    {
        var e = Assert.Throws<ArrangementException>(() => Make(parties: [new PartyTerms(Us, "k"), new PartyTerms(Us, "k")]));
        Assert.Equal("parties[1].name", e.Field);
    }

    [Fact]
    public void Constructor_CoalitionWithUnknownMember_ThrowsNamingMember()
    {
        var e = Assert.Throws<ArrangementException>(() => Make(coalitions: [[Us, PartyId.From("xx")]]));
        Assert.Equal("coalitions[0][1]", e.Field);
    }

    [Fact]
    public void Constructor_PartyInTwoCoalitions_ThrowsNamingSecond()
    {
        var e = Assert.Throws<ArrangementException>(() => Make(coalitions: [[Us, Ru], [Ru, Us]]));
        Assert.Equal("coalitions[1][0]", e.Field);
    }

    [Fact]
    public void Constructor_ChainNotEndingAtHotline_ThrowsNamingChain()
    {
        var e = Assert.Throws<ArrangementException>(() => Make(chain: ["duty-officer"]));
        Assert.Equal("escalationChain", e.Field);
    }

    [Fact]
    public void Constructor_RepeatedLevel_ThrowsNamingLevel()
    {
        var e = Assert.Throws<ArrangementException>(() => Make(chain: ["a", "a", ArrangementTerms.Hotline]));
        Assert.Equal("escalationChain[1]", e.Field);
    }

    [Fact]
    public void Constructor_ZeroDeadline_ThrowsNamingDeadline()
    {
        var e = Assert.Throws<ArrangementException>(() => Make(deadline: TimeSpan.Zero));
        Assert.Equal("responseDeadlineS", e.Field);
    }

    [Fact]
    public void Constructor_VersionZero_ThrowsNamingVersion()
    {
        Assert.Equal("version", Assert.Throws<ArrangementException>(() => Make(version: 0)).Field);
    }

    [Fact]
    public void KindPairOf_EitherOrder_IsEqual()
    {
        Assert.Equal(KindPair.Of("air", "ground"), KindPair.Of("ground", "air"));
        Assert.Equal(KindPair.Of("ground", "air"), KindPair.Parse("ground|air"));
        Assert.Equal("air|ground", KindPair.Of("ground", "air").ToString());
    }

    [Fact]
    public void KindPairOf_UnknownKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => KindPair.Of("sea", "air"));
        Assert.Throws<ArgumentException>(() => KindPair.Parse("air"));
    }
}
