using Deconflict.Geo;
using Deconflict.Negotiate;
using static Deconflict.Tests.Negotiate.TestArrangement;

namespace Deconflict.Tests.Negotiate;

public sealed class PassageRequestTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(30);
    private static readonly DateTimeOffset Later = T0.AddMinutes(5);
    private static readonly CounterProposal Counter = new(Window(3, 4), null, "later please");

    private static PassageRequest Fresh() => PassageRequest.Open("r1", "m1", 1, Us, Ru, T0, Deadline);

    private static PassageRequest InState(RequestState state) => state switch
    {
        RequestState.Requested => Fresh(),
        RequestState.Acknowledged => Fresh().Acknowledge(Ru, Later).Unwrap(),
        RequestState.Approved => Fresh().Approve(Ru, Later, "before 07:45").Unwrap(),
        RequestState.Denied => Fresh().Deny(Ru, Later, "exercise").Unwrap(),
        RequestState.CounterProposed => Fresh().CounterPropose(Ru, Later, Counter).Unwrap(),
        RequestState.CounterAccepted => InState(RequestState.CounterProposed).AcceptCounter(Us, Later).Unwrap(),
        RequestState.CounterRejected => InState(RequestState.CounterProposed).RejectCounter(Us, Later, null).Unwrap(),
        RequestState.Expired => Fresh().Expire(Later).Unwrap(),
        RequestState.Withdrawn => Fresh().Withdraw(Later).Unwrap(),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static readonly Dictionary<string, Func<PassageRequest, Outcome<PassageRequest>>> Acts = new()
    {
        ["acknowledge"] = r => r.Acknowledge(Ru, Later),
        ["approve"] = r => r.Approve(Ru, Later, null),
        ["deny"] = r => r.Deny(Ru, Later, "no"),
        ["counter-propose"] = r => r.CounterPropose(Ru, Later, Counter),
        ["accept-counter"] = r => r.AcceptCounter(Us, Later),
        ["reject-counter"] = r => r.RejectCounter(Us, Later, "too late"),
        ["escalate"] = r => r.Escalate(T0 + Deadline, 3, Deadline),
        ["expire"] = r => r.Expire(Later),
        ["withdraw"] = r => r.Withdraw(Later),
    };

    // The legal transitions, and the state each leads to; everything else is refused.
    private static readonly Dictionary<(RequestState, string), RequestState> Legal = new()
    {
        [(RequestState.Requested, "acknowledge")] = RequestState.Acknowledged,
        [(RequestState.Requested, "approve")] = RequestState.Approved,
        [(RequestState.Requested, "deny")] = RequestState.Denied,
        [(RequestState.Requested, "counter-propose")] = RequestState.CounterProposed,
        [(RequestState.Requested, "escalate")] = RequestState.Requested,
        [(RequestState.Requested, "expire")] = RequestState.Expired,
        [(RequestState.Requested, "withdraw")] = RequestState.Withdrawn,
        [(RequestState.Acknowledged, "approve")] = RequestState.Approved,
        [(RequestState.Acknowledged, "deny")] = RequestState.Denied,
        [(RequestState.Acknowledged, "counter-propose")] = RequestState.CounterProposed,
        [(RequestState.Acknowledged, "escalate")] = RequestState.Acknowledged,
        [(RequestState.Acknowledged, "expire")] = RequestState.Expired,
        [(RequestState.Acknowledged, "withdraw")] = RequestState.Withdrawn,
        [(RequestState.CounterProposed, "accept-counter")] = RequestState.CounterAccepted,
        [(RequestState.CounterProposed, "reject-counter")] = RequestState.CounterRejected,
        [(RequestState.CounterProposed, "expire")] = RequestState.Expired,
        [(RequestState.CounterProposed, "withdraw")] = RequestState.Withdrawn,
    };

    public static TheoryData<RequestState, string> EveryStateAndAct()
    {
        var data = new TheoryData<RequestState, string>();
        foreach (var state in Enum.GetValues<RequestState>())
        {
            foreach (var act in Acts.Keys)
            {
                data.Add(state, act);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAct))]
    public void Act_InEveryState_FollowsTheTable(RequestState state, string act)
    {
        var before = InState(state);
        var outcome = Acts[act](before);
        if (Legal.TryGetValue((state, act), out var expected))
        {
            Assert.True(outcome.IsOk, outcome.Error.ToString());
            Assert.Equal(expected, outcome.Value.State);
        }
        else
        {
            Assert.False(outcome.IsOk);
            Assert.Equal("request.illegal-transition", outcome.Error.Code);
        }

        Assert.Equal(state, before.State);
    }

    [Theory]
    [InlineData("acknowledge")]
    [InlineData("approve")]
    [InlineData("deny")]
    [InlineData("counter-propose")]
    public void Answer_ByRequester_IsRefusedAsNotAddressee(string act)
    {
        var r = Fresh();
        var outcome = act switch
        {
            "acknowledge" => r.Acknowledge(Us, Later),
            "approve" => r.Approve(Us, Later, null),
            "deny" => r.Deny(Us, Later, "x"),
            _ => r.CounterPropose(Us, Later, Counter),
        };
        Assert.Equal("request.not-addressee", outcome.Error.Code);
    }

    [Fact]
    public void AcceptCounter_ByAddressee_IsRefusedAsNotRequester()
    {
        Assert.Equal("request.not-requester", InState(RequestState.CounterProposed).AcceptCounter(Ru, Later).Error.Code);
        Assert.Equal("request.not-requester", InState(RequestState.CounterProposed).RejectCounter(Uk, Later, null).Error.Code);
    }

    [Fact]
    public void Deny_WithoutReason_IsRefused()
    {
        Assert.Equal("request.reason-required", Fresh().Deny(Ru, Later, " ").Error.Code);
    }

    [Fact]
    public void Approve_KeepsConditions_AndClearsDeadline()
    {
        var approved = Fresh().Approve(Ru, Later, "pass the junction before 07:45").Unwrap();
        Assert.Equal("pass the junction before 07:45", approved.Conditions);
        Assert.Null(approved.Deadline);
        Assert.Equal(Later, approved.UpdatedAt);
    }

    [Fact]
    public void Acknowledge_KeepsDeadline()
    {
        Assert.Equal(T0 + Deadline, Fresh().Acknowledge(Ru, Later).Unwrap().Deadline);
    }

    [Fact]
    public void Escalate_BeforeDeadline_IsRefusedAsNotDue()
    {
        Assert.Equal("request.not-due", Fresh().Escalate(T0 + Deadline - TimeSpan.FromSeconds(1), 3, Deadline).Error.Code);
    }

    [Fact]
    public void Escalate_ThroughTheChain_EndsAtHotlineWithNoDeadline()
    {
        var r = Fresh();
        var at = T0 + Deadline;
        r = r.Escalate(at, 3, Deadline).Unwrap();
        Assert.Equal((1, at + Deadline), (r.EscalationLevel, r.Deadline!.Value));
        r = r.Escalate(at + Deadline, 3, Deadline).Unwrap();
        Assert.Equal(2, r.EscalationLevel);
        r = r.Escalate(at + Deadline + Deadline, 3, Deadline).Unwrap();
        Assert.Equal(3, r.EscalationLevel);
        Assert.Null(r.Deadline);
        Assert.Equal("request.not-due", r.Escalate(at.AddDays(1), 3, Deadline).Error.Code);
    }

    [Fact]
    public void AcceptCounter_KeepsTheCounterProposal()
    {
        var accepted = InState(RequestState.CounterAccepted);
        Assert.Equal(Window(3, 4), accepted.Counter!.Window);
    }

    [Fact]
    public void Open_FromSelf_Throws()
    {
        Assert.Throws<ArgumentException>(() => PassageRequest.Open("r", "m", 1, Us, Us, T0, Deadline));
    }

    [Fact]
    public void CounterProposal_WithNeitherWindowNorRoute_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CounterProposal(null, [Wgs84.FromLonLat(1, 1)], null));
    }
}
