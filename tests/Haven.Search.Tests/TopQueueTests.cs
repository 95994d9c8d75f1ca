using AwesomeAssertions;

namespace Haven.Search.Tests;

public sealed class TopQueueTests
{
    [Theory]
    [InlineData("Relevance")]
    [InlineData("Newest")]
    [InlineData("Oldest")]
    public void The_queue_keeps_exactly_the_best_documents_best_first(string orderName)
    {
        var order = Enum.Parse<RankOrder>(orderName);
        var random = new Random(20261125 + (int)order);
        for (var round = 0; round < 300; round++)
        {
            var capacity = random.Next(4) switch { 0 => random.Next(1, 4), 1 => random.Next(1, 40), _ => random.Next(1, 700) };
            var offered = random.Next(3) == 0 ? random.Next(0, capacity + 2) : random.Next(0, 5_000);
            // Few distinct scores and dates, so that ties are common and the later keys decide; some without a date.
            var docs = Enumerable.Range(0, offered).Select(doc => new RankedDoc
            {
                Score = random.Next(8) / 4f,
                Date = random.Next(5) == 0 ? 0 : random.Next(1, 30),
                ResourceId = random.Next(1, 2_000),
                Doc = doc,
            }).ToList();

            // A page of the kept ones: from the first rank, from within them, or past them all.
            var skip = random.Next(3) switch { 0 => 0, 1 => random.Next(0, capacity), _ => random.Next(0, capacity + 3) };

            var queue = TopQueue.Create(capacity, order);
            foreach (var d in docs) queue.Offer(d.Score, d.Date, d.ResourceId, d.Doc);

            queue.BestFirst(skip).Select(d => d.Doc).Should().Equal(Expected(docs, order).Take(capacity).Skip(skip).Select(d => d.Doc),
                $"round {round}: {offered} offered, {capacity} kept, from rank {skip}, {order}");
        }
    }

    /// <summary>The orders as the library documents them, by a plain sort.</summary>
    private static IEnumerable<RankedDoc> Expected(IEnumerable<RankedDoc> docs, RankOrder order) => order switch
    {
        RankOrder.Relevance => docs.OrderByDescending(d => d.Score).ThenByDescending(d => d.Date).ThenByDescending(d => d.ResourceId).ThenBy(d => d.Doc),
        RankOrder.Newest => docs.OrderByDescending(d => d.Date).ThenByDescending(d => d.ResourceId).ThenBy(d => d.Doc),
        _ => docs.OrderBy(d => d.Date == 0 ? int.MaxValue : d.Date).ThenByDescending(d => d.ResourceId).ThenBy(d => d.Doc),
    };
}
