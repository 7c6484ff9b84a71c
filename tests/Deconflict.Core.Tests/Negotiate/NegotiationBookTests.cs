using Deconflict.Negotiate;
using static Deconflict.Tests.Negotiate.TestArrangement;

namespace Deconflict.Tests.Negotiate;

public sealed class NegotiationBookTests
{
    private static NegotiationBook Declared(params (string Id, Deconflict.Declare.PartyId To)[] requests)
    {
        var book = NegotiationBook.Start(Build()).Declare(Us, "m1", Window(4, 5), T0).Unwrap();
        return book.OpenRequests("m1", 1, requests, T0).Unwrap();
    }

    [Fact]
    public void OpenRequests_NoneAffected_ClearsTheMovement()
    {
        Assert.Equal(MovementState.Cleared, Declared().Movements["m1"].State);
    }

    [Fact]
    public void Declare_BeforeCheck_StaysDeclared()
    {
        var book = NegotiationBook.Start(Build()).Declare(Us, "m1", Window(4, 5), T0).Unwrap();
        Assert.Equal(MovementState.Declared, book.Movements["m1"].State);
        Assert.False(book.Movements["m1"].CheckedForConflicts);
    }

    [Fact]
    public void Declare_TakenId_IsRefused()
    {
        Assert.Equal("movement.id-taken", Declared().Declare(Ru, "m1", Window(4, 5), T0).Error.Code);
    }

    [Fact]
    public void Declare_WithLessThanMinimumNotice_IsShortNotice()
    {
        var book = NegotiationBook.Start(Build());
        Assert.True(book.Declare(Us, "m", Window(1, 2), T0).Unwrap().Movements["m"].ShortNotice);
        Assert.False(book.Declare(Us, "m", Window(2, 3), T0).Unwrap().Movements["m"].ShortNotice);
    }

    [Fact]
    public void Answer_EveryRequestApproved_Clears()
    {
        var book = Declared(("r1", Ru), ("r2", PartyIdOf("uk")));
        Assert.Equal(MovementState.Declared, book.Movements["m1"].State);
        book = book.Answer("r1", r => r.Approve(Ru, T0, null)).Unwrap();
        Assert.Equal(MovementState.Declared, book.Movements["m1"].State);
        book = book.Answer("r2", r => r.CounterPropose(Uk, T0, new CounterProposal(Window(6, 7), null, null))).Unwrap();
        book = book.Answer("r2", r => r.AcceptCounter(Us, T0)).Unwrap();
        Assert.Equal(MovementState.Cleared, book.Movements["m1"].State);
        Assert.Equal(MovementState.Active, book.Movements["m1"].StateAt(T0.AddHours(4.5)));
        Assert.Equal(MovementState.Completed, book.Movements["m1"].StateAt(T0.AddHours(6)));
    }

    [Fact]
    public void Answer_OneDenied_Denies()
    {
        var book = Declared(("r1", Ru)).Answer("r1", r => r.Deny(Ru, T0, "exercise")).Unwrap();
        Assert.Equal(MovementState.Denied, book.Movements["m1"].State);
    }

    [Fact]
    public void Answer_UnknownRequest_IsRefused()
    {
        Assert.Equal("request.unknown", Declared().Answer("nope", r => r.Approve(Ru, T0, null)).Error.Code);
    }

    [Fact]
    public void Answer_Refused_LeavesBookUnchanged()
    {
        var book = Declared(("r1", Ru));
        var outcome = book.Answer("r1", r => r.Approve(Us, T0, null));
        Assert.Equal("request.not-addressee", outcome.Error.Code);
        Assert.Equal(RequestState.Requested, book.Requests["r1"].State);
    }

    [Fact]
    public void AmendMovement_WithdrawsOpenRequests_AndBumpsVersion()
    {
        var book = Declared(("r1", Ru)).AmendMovement(Us, "m1", Window(6, 7), T0.AddMinutes(1)).Unwrap();
        Assert.Equal(RequestState.Withdrawn, book.Requests["r1"].State);
        Assert.Equal((2, MovementState.Declared, false), (book.Movements["m1"].Version, book.Movements["m1"].State, book.Movements["m1"].CheckedForConflicts));
        Assert.Equal("movement.illegal-transition", book.OpenRequests("m1", 1, [], T0).Error.Code);
        book = book.OpenRequests("m1", 2, [("r2", Ru)], T0).Unwrap().Answer("r2", r => r.Approve(Ru, T0, null)).Unwrap();
        Assert.Equal(MovementState.Cleared, book.Movements["m1"].State);
    }

    [Fact]
    public void AmendMovement_ByAnotherParty_IsRefusedAsNotOwner()
    {
        Assert.Equal("movement.not-owner", Declared().AmendMovement(Ru, "m1", Window(6, 7), T0).Error.Code);
        Assert.Equal("movement.not-owner", Declared().Cancel(Ru, "m1", T0).Error.Code);
    }

    [Fact]
    public void Cancel_ThenAnything_IsRefused()
    {
        var book = Declared(("r1", Ru)).Cancel(Us, "m1", T0).Unwrap();
        Assert.Equal(MovementState.Cancelled, book.Movements["m1"].State);
        Assert.Equal(RequestState.Withdrawn, book.Requests["r1"].State);
        Assert.Equal("movement.illegal-transition", book.Cancel(Us, "m1", T0).Error.Code);
        Assert.Equal("movement.illegal-transition", book.AmendMovement(Us, "m1", Window(6, 7), T0).Error.Code);
        Assert.Equal("movement.unknown", book.Cancel(Us, "m9", T0).Error.Code);
    }

    [Fact]
    public void DueAt_FollowsDeadlinesThenExpiry()
    {
        var book = Declared(("r1", Ru));
        Assert.Empty(book.DueAt(T0.AddMinutes(29)));
        Assert.Equal(T0.AddMinutes(30), book.NextDue());
        var due = Assert.Single(book.DueAt(T0.AddMinutes(30)));
        Assert.Equal(new DueAct(DueActKind.Escalate, "r1", T0.AddMinutes(30)), due);
        book = book.Escalate("r1", T0.AddMinutes(30)).Unwrap();
        book = book.Escalate("r1", T0.AddMinutes(60)).Unwrap();
        book = book.Escalate("r1", T0.AddMinutes(90)).Unwrap();
        Assert.Equal(3, book.Requests["r1"].EscalationLevel);
        Assert.Equal(T0.AddHours(4), book.NextDue());
        Assert.Equal(new DueAct(DueActKind.Expire, "m1", T0.AddHours(4)), Assert.Single(book.DueAt(T0.AddHours(4))));
        book = book.Expire("m1", T0.AddHours(4)).Unwrap();
        Assert.Equal(MovementState.Expired, book.Movements["m1"].State);
        Assert.Equal(RequestState.Expired, book.Requests["r1"].State);
        Assert.Empty(book.DueAt(T0.AddDays(1)));
        Assert.Null(book.NextDue());
    }

    [Fact]
    public void DueFor_EveryMovement_AddsUpToDueAtWhateverTheClock()
    {
        var book = Declared(("r1", Ru), ("r2", Uk)).Answer("r2", r => r.Approve(Uk, T0, null)).Unwrap()
            .Declare(Ru, "m2", Window(1, 2), T0).Unwrap().OpenRequests("m2", 1, [], T0).Unwrap();
        foreach (var now in new[] { T0, T0.AddMinutes(30), T0.AddHours(4) })
        {
            var fromAgenda = book.Movements.Keys.SelectMany(book.DueFor).Where(a => a.DueAt <= now).OrderBy(a => a.Kind).ThenBy(a => a.Id, StringComparer.Ordinal);
            Assert.Equal(book.DueAt(now), fromAgenda);
        }
    }

    [Fact]
    public void Expire_BeforeStart_IsRefused()
    {
        Assert.Equal("movement.not-due", Declared(("r1", Ru)).Expire("m1", T0).Error.Code);
    }

    [Fact]
    public void Amend_ArrangementWithLowerVersion_Throws()
    {
        Assert.Throws<ArgumentException>(() => NegotiationBook.Start(Build(2)).Amend(Build(1)));
        Assert.Equal(2, NegotiationBook.Start(Build(1)).Amend(Build(2)).Arrangement.Version);
    }

    private static Deconflict.Declare.PartyId PartyIdOf(string name) => Deconflict.Declare.PartyId.From(name);
}
