using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Tests.Negotiate;

/// <summary>A three-party arrangement (us and uk in a coalition, ru alone) for negotiation tests.</summary>
internal static class TestArrangement
{
    public static readonly PartyId Us = PartyId.From("us");
    public static readonly PartyId Uk = PartyId.From("uk");
    public static readonly PartyId Ru = PartyId.From("ru");
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static ArrangementTerms Build(int version = 1, string[]? chain = null) => new(
        version,
        [new PartyTerms(Us, "us+00000000+AQ"), new PartyTerms(Uk, "uk+00000000+AQ"), new PartyTerms(Ru, "ru+00000000+AQ")],
        [[Us, Uk]],
        TimeSpan.FromHours(2),
        new Dictionary<KindPair, Distance> { [KindPair.Of("ground", "ground")] = Distance.FromMetres(500) },
        TimeSpan.FromMinutes(30),
        chain ?? ["duty-officer", "chief-of-staff", ArrangementTerms.Hotline],
        new Dictionary<KindPair, Distance> { [KindPair.Of("ground", "ground")] = Distance.FromMetres(300) },
        5,
        TimeSpan.FromMinutes(1));

    public static TimeWindow Window(double startHours, double endHours) =>
        TimeWindow.FromStartEnd(T0.AddHours(startHours), T0.AddHours(endHours));
}
