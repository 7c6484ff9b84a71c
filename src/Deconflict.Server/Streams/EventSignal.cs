namespace Deconflict.Server.Streams;

/// <summary>Wakes every stream and the deadline loop when the state changes: a task completed and replaced on each change.</summary>
/// <threadsafety>Safe from any thread.</threadsafety>
internal sealed class EventSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next change after this call.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
