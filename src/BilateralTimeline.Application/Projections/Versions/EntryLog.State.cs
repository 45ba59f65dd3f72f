using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.Versions;

internal sealed partial class EntryLog
{
    // A score row whose time is not one well-formed reading: its terms come from the rules themselves.
    private const int General = int.MinValue;

    private readonly VersionRows<ScoreRow> _scoreRows = new();
    private readonly VersionRows<StatusRow> _statusRows = new();
    private readonly VersionRows<ContactRow> _contactRows = new();
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly List<string> _nameList = [];
    // Questions may run side by side (the serve index's readers): each borrows its own buffers.
    private readonly System.Collections.Concurrent.ConcurrentBag<StateScratch> _scratches = [];

    /// <summary>
    /// The relationship state after <paramref name="count"/> events at <paramref name="asOf"/>: exactly what
    /// <see cref="RelationshipStateParts.At(DateOnly, DateTimeOffset?, int, int?)"/> answers for the fold of
    /// those events (the same terms summed in the same order, rounded alike), from rows of plain numbers:
    /// only the page's movers, the statuses in force and the last contact are built as records.
    /// </summary>
    public RelationshipStateView StateAt(string dyad, int count, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit)
    {
        var s = _scratches.TryTake(out var free) ? free : new StateScratch();
        try
        {
            return StateWith(dyad, count, asOf, knownAt, skip, limit, s);
        }
        finally
        {
            _scratches.Add(s);
        }
    }

    private RelationshipStateView StateWith(string dyad, int count, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit, StateScratch s)
    {
        var known = CheckKnown(count);
        var (n, weights, moved, standings, shares) = Score(count, asOf, s, out var score);
        var first = Math.Max(0, skip);
        var wanted = limit is { } take ? (int)Math.Min(n, (long)first + take) : n;
        var order = MoverOrder.First(shares, n, wanted);
        var movedBy = new List<ScoreContribution>(Math.Max(0, order.Length - first));
        for (var k = first; k < order.Length; k++)
        {
            var j = order[k];
            var entry = _versions[moved[j]].Parts.Scored!;
            movedBy.Add(new ScoreContribution(entry.EntryId, entry.Title, entry.Kind, entry.Cameo, entry.Goldstein, Math.Round(weights[j], 3), shares[j], TimelineProjection.Format(standings[j]), entry.ClaimIds));
        }
        var next = limit is { } l && (long)first + l < n ? PageCursor.Encode(first + l) : null;
        var statuses = Statuses(count, asOf.DayNumber, s);
        var crises = new List<StatusLine>();
        foreach (var status in statuses)
        {
            if (status.Crisis)
            {
                crises.Add(status);
            }
        }
        return new RelationshipStateView(
            dyad, asOf, knownAt, _lastPosition[known], score, RelationshipStateProjection.Band(score), movedBy,
            statuses, crises, LastContact(count, asOf.DayNumber, s),
            _claimCount[known], _retractedCount[known], n, next);
    }

    /// <summary>The weighted mean over the scored entries alive at the count, in entry order, as <see cref="RelationshipStateParts.At(DateOnly, DateTimeOffset?, int, int?)"/> sums it.</summary>
    private (int N, double[] Weights, int[] Moved, TimeStanding[] Standings, double[] Shares) Score(int count, DateOnly asOf, StateScratch s, out double? score)
    {
        var alive = _scoreRows.Alive(count, ref s.Slots);
        s.Ensure(alive);
        var (weights, moved, standings) = (s.Weights, s.Moved, s.Standings);
        var day = asOf.DayNumber;
        var n = 0;
        double weighted = 0, total = 0;
        for (var i = 0; i < alive; i++)
        {
            ref var row = ref _scoreRows.Data(s.Slots[i]);
            TimeStanding standing;
            double share;
            int latest;
            if (row.FirstDay != General)
            {
                (standing, share, latest) = ScoreTerms.OneReading(row.FirstDay, row.LastDay, day);
            }
            else
            {
                var (general, generalShare, generalLatest) = ScoreTerms.At(row.Time!, asOf);
                (standing, share, latest) = (general, generalShare, generalLatest.DayNumber);
            }
            if (standing is not (TimeStanding.Occurred or TimeStanding.Possibly))
            {
                continue;
            }
            var age = day - Math.Min(day, latest);
            var weight = row.Weight * share * AgeDecay.Of(age);
            weighted += weight * row.Goldstein;
            total += weight;
            moved[n] = row.Version;
            weights[n] = weight;
            standings[n] = standing;
            s.Goldsteins[n] = row.Goldstein;
            n++;
        }
        score = total > 0 ? Math.Round(weighted / total, 2) : null;
        var shares = s.Shares;
        for (var j = 0; j < n; j++)
        {
            shares[j] = total > 0 ? Math.Round(weights[j] * s.Goldsteins[j] / total, 2) : 0;
        }
        return (n, weights, moved, standings, shares);
    }

    /// <summary>
    /// Per subject, the status of its latest change in force (by latest day, then position, the later row on a
    /// tie) and the distinct claims that set that status, in entry order; subjects in ordinal order.
    /// </summary>
    private List<StatusLine> Statuses(int count, int day, StateScratch s)
    {
        var alive = _statusRows.Alive(count, ref s.Slots);
        if (alive == 0)
        {
            return [];
        }
        if (s.Best.Length < _nameList.Count)
        {
            s.Best = new int[_nameList.Count * 2];
        }
        var best = s.Best;
        var subjects = new List<int>();
        for (var i = 0; i < alive; i++)
        {
            ref var row = ref _statusRows.Data(s.Slots[i]);
            if (!(row.Latest <= day || row.Earliest <= day))
            {
                // Not yet in force at the date: out of both passes.
                s.Slots[i] = int.MinValue;
                continue;
            }
            // Best holds the subject's latest so far as its index here plus one; 0: none yet in this query.
            var current = best[row.Subject] - 1;
            if (current < 0)
            {
                subjects.Add(row.Subject);
                best[row.Subject] = i + 1;
                continue;
            }
            ref var held = ref _statusRows.Data(s.Slots[current]);
            if (row.Latest > held.Latest || (row.Latest == held.Latest && row.Position >= held.Position))
            {
                best[row.Subject] = i + 1;
            }
        }
        var claimIds = new Dictionary<int, List<string>>();
        for (var i = 0; i < alive; i++)
        {
            if (s.Slots[i] == int.MinValue)
            {
                continue;
            }
            ref var row = ref _statusRows.Data(s.Slots[i]);
            ref var latest = ref _statusRows.Data(s.Slots[best[row.Subject] - 1]);
            if (row.Status != latest.Status)
            {
                continue;
            }
            var claimId = row.ClaimId;
            if (!claimIds.TryGetValue(row.Subject, out var ids))
            {
                claimIds[row.Subject] = ids = [];
            }
            if (!ids.Contains(claimId))
            {
                ids.Add(claimId);
            }
        }
        var lines = new List<StatusLine>(subjects.Count);
        foreach (var subject in subjects)
        {
            ref var row = ref _statusRows.Data(s.Slots[best[subject] - 1]);
            var change = _versions[row.Version].Parts.Changes[row.Change];
            lines.Add(new StatusLine(change.Subject, change.Status, change.Crisis, change.Time.ToString(), row.Latest > day, claimIds[subject]));
            best[subject] = 0;
        }
        lines.Sort((a, b) => string.CompareOrdinal(a.Subject, b.Subject));
        return lines;
    }

    /// <summary>The contact in force with the latest day (the later entry on a tie), as <see cref="RelationshipStateParts"/> picks it.</summary>
    private ContactLine? LastContact(int count, int day, StateScratch s)
    {
        var alive = _contactRows.Alive(count, ref s.Slots);
        var found = -1;
        var foundLatest = 0;
        for (var i = 0; i < alive; i++)
        {
            ref var row = ref _contactRows.Data(s.Slots[i]);
            if ((row.Latest <= day || row.Earliest <= day) && (found < 0 || row.Latest >= foundLatest))
            {
                found = row.Version;
                foundLatest = row.Latest;
            }
        }
        if (found < 0)
        {
            return null;
        }
        var contact = _versions[found].Parts.Contact!;
        return new ContactLine(contact.EntryId, contact.Title, contact.Time.ToString(), foundLatest > day, contact.Actors, contact.ClaimIds);
    }

    private (int ScoreRow, int FirstStatusRow, int StatusRows, int ContactRow) AddStateRows(EntryStateParts parts, long order, int from, int version)
    {
        var scoreRow = -1;
        if (parts.Scored is { } scored && scored.Time.Candidates.Count > 0)
        {
            // An undated entry never counts; it needs no row.
            var single = scored.Time.Candidates is [var only] && only.From <= only.To;
            scoreRow = _scoreRows.Add(order, from, new ScoreRow(scored.Weight, scored.Goldstein, single ? scored.Time.Candidates[0].From.DayNumber : General, single ? scored.Time.Candidates[0].To.DayNumber : 0, version, single ? null : scored.Time));
        }
        var firstStatusRow = -1;
        var statusRows = 0;
        for (var i = 0; i < parts.Changes.Count; i++)
        {
            var change = parts.Changes[i];
            if (change.Time.Candidates.Count == 0)
            {
                continue;
            }
            var seq = _statusRows.Add(order, from, new StatusRow(Name(change.Subject), Name(change.Status), change.Time.Earliest!.Value.DayNumber, change.Time.Latest!.Value.DayNumber, change.Position, version, i, change.ClaimId));
            if (firstStatusRow < 0)
            {
                firstStatusRow = seq;
            }
            statusRows++;
        }
        var contactRow = -1;
        if (parts.Contact is { } contact && contact.Time.Candidates.Count > 0)
        {
            contactRow = _contactRows.Add(order, from, new ContactRow(contact.Time.Earliest!.Value.DayNumber, contact.Time.Latest!.Value.DayNumber, version));
        }
        return (scoreRow, firstStatusRow, statusRows, contactRow);
    }

    private void CloseStateRows(EntryVersion version, int to)
    {
        if (version.ScoreRow >= 0)
        {
            _scoreRows.Close(version.ScoreRow, to);
        }
        for (var i = 0; i < version.StatusRows; i++)
        {
            // A version's status rows were added one after another: their sequence numbers are consecutive.
            _statusRows.Close(version.FirstStatusRow + i, to);
        }
        if (version.ContactRow >= 0)
        {
            _contactRows.Close(version.ContactRow, to);
        }
    }

    private int Name(string name)
    {
        if (!_names.TryGetValue(name, out var id))
        {
            _names[name] = id = _nameList.Count;
            _nameList.Add(name);
        }
        return id;
    }

    /// <summary>One scored entry version: its weight before age and standing, its Goldstein weight, and its one reading as day numbers (or <see cref="General"/> and its time).</summary>
    private readonly record struct ScoreRow(double Weight, double Goldstein, int FirstDay, int LastDay, int Version, UncertainTime? Time);

    /// <summary>One status change of an entry version, its subject and status as interned names, its time's earliest and latest day.</summary>
    private readonly record struct StatusRow(int Subject, int Status, int Earliest, int Latest, long Position, int Version, int Change, string ClaimId);

    /// <summary>One entry version's high-level contact: its time's earliest and latest day.</summary>
    private readonly record struct ContactRow(int Earliest, int Latest, int Version);

    /// <summary>Buffers a query reuses, grown to the largest answer so far (one query at a time per scratch).</summary>
    private sealed class StateScratch
    {
        public int[] Slots = new int[16];
        public double[] Weights = [];
        public int[] Moved = [];
        public TimeStanding[] Standings = [];
        public double[] Shares = [];
        public double[] Goldsteins = [];
        public int[] Best = new int[16];

        public void Ensure(int size)
        {
            if (Weights.Length < size)
            {
                var capacity = Math.Max(16, size * 5 / 4);
                Weights = new double[capacity];
                Moved = new int[capacity];
                Standings = new TimeStanding[capacity];
                Shares = new double[capacity];
                Goldsteins = new double[capacity];
            }
        }
    }
}
