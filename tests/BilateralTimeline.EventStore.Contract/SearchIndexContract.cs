using System.Text.Json;
using BilateralTimeline.Application;
using BilateralTimeline.Application.Features.Corrections.RetractClaim;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Features.Search.SearchLedger;
using BilateralTimeline.Application.Features.Sources.GetSourceText;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Search;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// What search must do on every store that keeps an index (see the contract on <see cref="ISearchIndexStore"/>),
/// end to end: the sample articles imported through the real import, searched through the real handler.
/// </summary>
public abstract class SearchIndexContract : IAsyncLifetime
{
    private const string Dyad = "AZE-IRN";
    private readonly LuceneTextAnalyzer _analyzer = new();
    private ServiceProvider _services = null!;

    protected IEventStore Events { get; private set; } = null!;

    protected ISearchIndexStore Index { get; private set; } = null!;

    private IMediator Mediator => _services.GetRequiredService<IMediator>();

    /// <summary>A fresh event store and the search index in its database.</summary>
    protected abstract Task<(IEventStore Events, ISearchIndexStore Index)> CreateAsync();

    public async Task InitializeAsync()
    {
        (Events, Index) = await CreateAsync();
        _services = new ServiceCollection().AddBilateralTimeline().AddSingleton(Events).AddSingleton(Index).BuildServiceProvider();
    }

    public virtual async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Events.DisposeAsync();
    }

    [Fact]
    public async Task An_Arabic_plural_with_its_article_finds_the_singular_with_or_without_diacritics_and_tatweel()
    {
        await ImportAsync("000-hasanov-visit", "002-joint-exercise");

        var plural = await SearchAsync("المناورات");

        // c002-02 says only مناورة (singular, no article); c000-42 says ومناورات (with the conjunction).
        var claims = plural.Hits.Where(h => h.Kind == "claim").Select(h => h.Id).ToList();
        Assert.Contains("c002-02", claims);
        Assert.Contains("c000-42", claims);
        Assert.Contains(plural.Hits, h => h.Kind == "source" && h.Id == "src-002-joint-exercise");
        var found = Keys(plural);
        Assert.Equal(found, Keys(await SearchAsync("مناورة")));
        Assert.Equal(found, Keys(await SearchAsync("مَنَاوَرَة")));
        Assert.Equal(found, Keys(await SearchAsync("المنـــاورات")));
        Assert.Empty((await SearchAsync("مناورة", dyad: "ARM-AZE")).Hits);
    }

    [Fact]
    public async Task Every_match_is_the_word_as_written_at_its_offsets_in_the_source_text()
    {
        await ImportAsync("002-joint-exercise");
        var text = "قالت الوزارة إن «المَنَاوَرَاتُ» العسكريـــة انتهت.";
        await AppendAsync(
            new SourceRegistered("src-vowelled", "test outlet", "ar", "عنوان", null, UncertainTime.Unknown, null, text, "0"),
            new ClaimRecorded("c-vowelled", "src-vowelled", "military-exercise", "Exercises ended.", Modality.Asserted, [], null, UncertainTime.Unknown, [],
                [new Quote(17, 44, text[17..44])], new Confidence(Reliability.C, 3), [], null));

        var results = await SearchAsync("المناورات العسكرية", limit: 200);

        Assert.NotEmpty(results.Hits);
        var sources = new Dictionary<string, string> { ["src-vowelled"] = text };
        foreach (var hit in results.Hits)
        {
            var sourceId = hit.Kind == "source" ? hit.Id : hit.SourceId!;
            if (!sources.TryGetValue(sourceId, out var sourceText))
            {
                sourceText = sources[sourceId] = (await Mediator.Send(new GetSourceText(sourceId, Dyad))).Text;
            }
            foreach (var match in hit.Matches)
            {
                // The stored offsets cut exactly one word, the one that made the term.
                var token = Assert.Single(_analyzer.Analyze(match.Text));
                Assert.Equal((match.Term, 0, match.Text.Length), (token.Term, token.Start, token.End));
                if (match.Field == "text")
                {
                    Assert.Equal(match.Text, sourceText[match.Start..match.End]);
                }
                if (match.Field == "quote")
                {
                    Assert.Equal(match.Text, sourceText[match.SourceStart!.Value..match.SourceEnd!.Value]);
                }
            }
        }
        var vowelled = Assert.Single(results.Hits, h => h.Id == "c-vowelled");
        Assert.Equal(["المَنَاوَرَاتُ", "العسكريـــة"], vowelled.Matches.Where(m => m.Field == "quote").Select(m => m.Text));
        Assert.Equal([(17, 31), (33, 44)], vowelled.Matches.Where(m => m.Field == "quote").Select(m => (m.SourceStart!.Value, m.SourceEnd!.Value)));
        var source = Assert.Single(results.Hits, h => h.Id == "src-vowelled");
        Assert.Equal(["المَنَاوَرَاتُ", "العسكريـــة"], source.Matches.Select(m => m.Text));
        Assert.Equal(2, vowelled.TermsMatched);
    }

    [Fact]
    public async Task A_later_import_becomes_searchable_without_a_rebuild()
    {
        await ImportAsync("000-hasanov-visit");
        var before = await SearchAsync("المناورات");
        Assert.DoesNotContain(before.Hits, h => h.Id.StartsWith("c002", StringComparison.Ordinal));

        await ImportAsync("002-joint-exercise");
        var after = await SearchAsync("المناورات");

        Assert.Contains(after.Hits, h => h.Id == "c002-02");
        Assert.True(after.Position > before.Position, $"index at {after.Position}, was {before.Position}");
        Assert.Equal(await HeadAsync(), after.Position);
    }

    [Fact]
    public async Task A_retracted_claim_is_still_found_and_flagged_as_retracted()
    {
        await ImportAsync("002-joint-exercise");
        Assert.False(Assert.Single((await SearchAsync("مناورة", limit: 200)).Hits, h => h.Id == "c002-02").Retracted);

        await Mediator.Send(new RetractClaim(Dyad, "c002-02", "contract test", "search-contract"));

        var hit = Assert.Single((await SearchAsync("مناورة", limit: 200)).Hits, h => h.Id == "c002-02");
        Assert.True(hit.Retracted);
        Assert.False(Assert.Single((await SearchAsync("مناورة", limit: 200)).Hits, h => h.Id == "c002-04").Retracted);
    }

    [Fact]
    public async Task English_words_match_by_their_stem_and_case()
    {
        await ImportAsync("002-joint-exercise");

        var results = await SearchAsync("Exercises");

        var hit = Assert.Single(results.Hits, h => h.Id == "c002-02");
        var match = Assert.Single(hit.Matches);
        Assert.Equal(("summary", "exercise"), (match.Field, match.Text));
    }

    [Fact]
    public async Task Hits_with_more_of_the_query_words_come_first()
    {
        await ImportAsync("000-hasanov-visit", "002-joint-exercise");

        var results = await SearchAsync("مناورة مشتركة");

        Assert.Equal(results.Hits.Select(h => h.TermsMatched).OrderByDescending(n => n), results.Hits.Select(h => h.TermsMatched));
        Assert.Equal(2, results.Hits[0].TermsMatched);
        Assert.Contains(results.Hits, h => h.TermsMatched == 1);
    }

    [Theory]
    [InlineData("", 20, "q")]
    [InlineData(" ،. «» ", 20, "q")]
    [InlineData("مناورة", 0, "limit")]
    [InlineData("مناورة", 201, "limit")]
    public async Task Bad_input_is_refused_naming_the_field(string q, int limit, string field)
    {
        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => SearchAsync(q, limit: limit));

        Assert.Contains(refused.Errors, e => e.Field == field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task An_index_caught_up_in_random_steps_equals_one_rebuilt_from_the_log(int seed)
    {
        await ImportAsync("000-hasanov-visit", "002-joint-exercise");
        await Mediator.Send(new RetractClaim(Dyad, "c002-02", "contract test", "search-contract"));
        await Mediator.Send(new RetractClaim(Dyad, "c000-01", "contract test", "search-contract"));
        var head = await HeadAsync();
        var random = new Random(seed);
        var steps = Enumerable.Range(0, random.Next(1, 8)).Select(_ => (long)random.Next(1, (int)head)).Distinct().Order().Append(head).ToList();

        await Index.ResetAsync(_analyzer.Version);
        foreach (var step in steps)
        {
            Assert.Equal(step, await new SearchIndexer(new PrefixOfTheLog(Events, step), Index, _analyzer).CatchUpAsync());
        }
        var incremental = await DumpAsync();
        Assert.Equal(head, await new SearchIndexer(Events, Index, _analyzer).RebuildAsync());
        var rebuilt = await DumpAsync();

        Assert.Equal(rebuilt, incremental);
        Assert.Contains("\"retracted\":true", rebuilt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indexers_racing_each_other_apply_every_event_once()
    {
        await ImportAsync("000-hasanov-visit", "002-joint-exercise");
        var head = await HeadAsync();

        // bt serve's indexer and a bt search catching up at the same moment.
        var positions = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SearchIndexer(Events, Index, _analyzer).CatchUpAsync())));

        Assert.All(positions, p => Assert.Equal(head, p));
        var raced = await DumpAsync();
        await new SearchIndexer(Events, Index, _analyzer).RebuildAsync();
        Assert.Equal(await DumpAsync(), raced);
    }

    [Fact]
    public async Task An_index_made_under_other_analyser_rules_is_rebuilt_before_answering()
    {
        await ImportAsync("002-joint-exercise");
        var head = await HeadAsync();
        await Index.ResetAsync("older-rules/0");
        await Index.CommitAsync("older-rules/0", 0, head, []);

        var results = await SearchAsync("المناورات");

        Assert.Contains(results.Hits, h => h.Id == "c002-02");
        Assert.Equal(new SearchCheckpoint(head, _analyzer.Version), await Index.ReadCheckpointAsync());
        await Assert.ThrowsAsync<ProjectionCheckpointMovedException>(() => Index.CommitAsync("older-rules/0", head, head + 1, []));
    }

    [Fact]
    public async Task A_document_put_twice_in_one_commit_keeps_its_last_put_and_only_its_postings()
    {
        var fold = new SearchIndexFold(_analyzer);
        SearchDocumentPut Put(string text, long position) => new(
            new SearchDocument("AZE-IRN/source/s1", Dyad, "source", "s1", null, [new SearchField("title", "t"), new SearchField("text", text)], false, null, position),
            [.. _analyzer.Analyze(text).Select(t => new SearchPosting(t.Term, Dyad, "AZE-IRN/source/s1", 1, t.Start, t.End))]);
        await Index.ResetAsync(_analyzer.Version);

        await Index.CommitAsync(_analyzer.Version, 0, 2, [Put("مناورة أولى", 1), Put("زيارة ثانية", 2)]);

        var document = Assert.Single(await Index.ReadDocumentsAsync(["AZE-IRN/source/s1"]));
        Assert.Equal(("زيارة ثانية", 2L), (document.Fields[1].Text, document.Position));
        Assert.Empty(await Index.FindPostingsAsync([_analyzer.Analyze("مناورة")[0].Term], null));
        Assert.Equal(2, (await Index.FindPostingsAsync([.. _analyzer.Analyze("زيارة ثانية").Select(t => t.Term)], null)).Count);
        Assert.Null(fold.Changes(new RecordedEvent("not-a-dyad", 0, 3, Guid.NewGuid(), "x/v1", Array.Empty<byte>(), new EventMetadata("t"), DateTimeOffset.UnixEpoch, Array.Empty<byte>())));
    }

    private static HashSet<string> Keys(SearchResults results) => results.Hits.Select(h => $"{h.Kind}/{h.Id}").ToHashSet();

    private Task<SearchResults> SearchAsync(string q, string? dyad = null, int limit = 50) => Mediator.Send(new SearchLedger(q, dyad, limit));

    private async Task ImportAsync(params string[] samples)
    {
        foreach (var sample in samples)
        {
            await Mediator.Send(ImportDocumentReader.Read(Path.Combine(RepositoryRoot(), "samples", "iran-azerbaijan", sample + ".claims.json"), "search-contract"));
        }
    }

    private async Task AppendAsync(params ILedgerEvent[] events) =>
        await Events.AppendAsync("dyad-azeirn", ExpectedRevision.Any,
            events.Select(e => new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), new EventMetadata("search-contract"))).ToList());

    private async Task<long> HeadAsync()
    {
        await foreach (var e in Events.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1))
        {
            return e.GlobalPosition;
        }
        return 0;
    }

    /// <summary>Everything the index holds for the log's documents, in a canonical order, as one string to compare.</summary>
    private async Task<string> DumpAsync()
    {
        var fold = new SearchIndexFold(_analyzer);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in Events.ReadAllAsync())
        {
            if (fold.Changes(e) is SearchDocumentPut put)
            {
                keys.Add(put.Key);
                terms.UnionWith(put.Postings.Select(p => p.Term));
            }
        }
        var postings = (await Index.FindPostingsAsync(terms, null)).OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Field).ThenBy(p => p.Start).ThenBy(p => p.Term, StringComparer.Ordinal);
        var documents = (await Index.ReadDocumentsAsync(keys)).OrderBy(d => d.Key, StringComparer.Ordinal);
        var checkpoint = await Index.ReadCheckpointAsync();
        Assert.Equal(keys.Count, documents.Count());
        return JsonSerializer.Serialize(new { checkpoint, documents, postings, count = await Index.CountDocumentsAsync(null) }, JsonSerializerOptions.Web);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BilateralTimeline.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("BilateralTimeline.sln not found above " + AppContext.BaseDirectory);
    }
}
