using Haven.Core.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Core.Events;

/// <summary>Group commit for registrations: registrations for one event, once validated, wait here for that event's
/// one writer, which takes everything waiting and registers it in one transaction (one seat lock, one seat count, one
/// save, one commit; see <see cref="RegisterForEvent"/>), in the order they arrived. Each registration waits for its
/// own result. While a batch is written the next one gathers, so under load a commit carries as many registrations as
/// arrived meanwhile, and alone a registration waits for nobody.
/// Per process: several instances each batch their own registrations, and their batches still take the event's row
/// lock in turn (see <see cref="EventLock"/>).</summary>
public sealed class RegistrationQueue(IServiceScopeFactory scopes)
{
    /// <summary>At most this many registrations in one transaction: a commit stays short for whoever waits behind it.</summary>
    internal const int MaxBatch = 64;

    private readonly Dictionary<int, EventLine> _lines = [];
    private readonly Lock _gate = new();

    /// <summary>Queues <paramref name="item"/> for its event's writer and waits for its result.</summary>
    internal Task<Outcome<RegistrationResult>> RegisterAsync(QueuedRegistration item)
    {
        ArgumentNullException.ThrowIfNull(item);
        bool start;
        EventLine line;
        lock (_gate)
        {
            if (!_lines.TryGetValue(item.Event.Id, out line!))
            {
                line = new EventLine(item.Event.Id);
                _lines.Add(item.Event.Id, line);
            }
            line.Waiting.Add(item);
            start = !line.Writing;
            line.Writing = true;
        }
        if (start)
        {
            // The writer serves every request of the batch, so it carries none of this request's context with it.
            using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => WriteAsync(line));
        }
        return item.Result.Task;
    }

    private async Task WriteAsync(EventLine line)
    {
        while (true)
        {
            List<QueuedRegistration> batch;
            lock (_gate)
            {
                if (line.Waiting.Count == 0)
                {
                    // Idle: the line goes, and the next registration for the event starts a writer again.
                    line.Writing = false;
                    _lines.Remove(line.EventId);
                    return;
                }
                var take = Math.Min(line.Waiting.Count, MaxBatch);
                batch = line.Waiting.GetRange(0, take);
                line.Waiting.RemoveRange(0, take);
            }
            await WriteBatchAsync(batch);
        }
    }

    /// <summary>Writes one batch in its own scope; never throws (every failure ends in its registration's result).</summary>
    private async Task WriteBatchAsync(List<QueuedRegistration> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RegisterForEvent>().WriteBatchAsync(batch);
        }
        catch (Exception e)
        {
            foreach (var item in batch) item.Result.TrySetException(e);
        }
    }

    private sealed class EventLine(int eventId)
    {
        public int EventId { get; } = eventId;
        public List<QueuedRegistration> Waiting { get; } = [];
        public bool Writing { get; set; }
    }
}

/// <summary>A registration that passed every check that needs no lock, waiting for its event's writer: the event as
/// the request read it, what was typed (trimmed and checked), and where its result goes.</summary>
internal sealed record QueuedRegistration(Event Event, string Name, string Email, string NormalizedEmail, string Organization,
    string Language, string AnswersJson)
{
    public TaskCompletionSource<Outcome<RegistrationResult>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
