using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// The opaque cursor of a paged list: where the next page starts in the same answer (same dyad, as-of,
/// known-at and window). Opaque so that clients pass it back instead of building one, which leaves
/// room to change what it holds.
/// </summary>
public static class PageCursor
{
    private const string Prefix = "skip:";

    public static string Encode(int skip) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + skip.ToString(CultureInfo.InvariantCulture)));

    /// <summary>How many items the cursor skips; null when it is not one of ours.</summary>
    public static int? TryDecode(string cursor)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var skip)
                ? skip
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The most items one page may hold.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>How many items <paramref name="cursor"/> skips (none without one); a cursor that is not ours is bad input.</summary>
    public static int SkipOf(string? cursor) =>
        cursor is null ? 0 : TryDecode(cursor) ?? throw new Validation.InputRejectedException("cursor", "is not a cursor this server handed out; pass the 'next' of the previous page unchanged");

    /// <summary>The items of one page of <paramref name="all"/>, and the cursor of the next page (null: this was the last).</summary>
    public static (IReadOnlyList<T> Items, string? Next) Slice<T>(IReadOnlyList<T> all, int skip, int? limit)
    {
        if (limit is not { } take)
        {
            return skip == 0 ? (all, null) : (all.Skip(skip).ToList(), null);
        }
        var items = all.Skip(skip).Take(take).ToList();
        return (items, skip + take < all.Count ? Encode(skip + take) : null);
    }
}
