using System.CommandLine;
using System.Globalization;
using System.Text;
using BilateralTimeline.Application;
using BilateralTimeline.Application.Drafting;
using BilateralTimeline.Application.Features.Drafts.DraftArticle;
using BilateralTimeline.Application.Features.Drafts.EvaluateDraft;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Cli.Rendering;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

internal static class DraftCommand
{
    public static Command Create()
    {
        var article = new Argument<string>("ARTICLE") { Description = "The article as a UTF-8 text file, exactly as published (Arabic or English)" };
        var outlet = new Option<string?>("--outlet") { Description = "Who published it", HelpName = "NAME" };
        var published = new Option<string?>("--published") { Description = "When it was published: a day, or FROM..TO when uncertain (YYYY-MM-DD); relative dates (\"last week\") are read from it", HelpName = "DATE[..DATE]" };
        var language = new Option<string?>("--language") { Description = "ar or en (default: by the script of the text)", HelpName = "ar|en" };
        var output = new Option<string?>("--out") { Description = "Write the draft import file here instead of to standard output", HelpName = "FILE" };
        var evaluate = new Option<string?>("--evaluate") { Description = "Compare the draft with an analyst's import file of the same article and print recall, precision and agreement", HelpName = "IMPORT.json" };
        var fromLedger = new Option<bool>("--from-ledger") { Description = "Also propose as actors the names the dyad's ledger already holds, where the article spells them the same (opens the store; needs --dyad)" };
        var command = new Command("draft", """
            Draft an import file from an article, so that no offset is ever counted by hand: the source
            (text byte for byte, SHA-256, publication), and for each sentence that reports something a
            claim with its kind (Arabic and English cue lexicon, normalised and stemmed with Lucene's
            Arabic analyzer, mapped to the claim kinds and their CAMEO codes), actors (office titles,
            countries), the date phrase read by the date resolver, the attribution chain (according to,
            said, told) and the modality (claimed, unconfirmed, seems, denied). A passage told twice is one
            claim with two quotes. Every claim is marked "proposed": true with the cue that produced it and
            a confidence of F/6: bt import refuses it until you review it and remove the flag (or accept
            the whole file with bt import --accept-proposed).
            Examples:
              bt draft article.txt --published 2024-06-01..2024-06-30 --outlet "Middle East News" --out draft.claims.json
              bt draft samples/iran-azerbaijan/002_369428e67db61de6.txt --evaluate samples/iran-azerbaijan/002-joint-exercise.claims.json
            """);
        command.Arguments.Add(article);
        command.Options.Add(outlet);
        command.Options.Add(published);
        command.Options.Add(language);
        command.Options.Add(output);
        command.Options.Add(evaluate);
        command.Options.Add(fromLedger);
        command.SetAction((parse, ct) =>
        {
            async Task<int> Run(IMediator mediator)
            {
                var text = ReadArticle(parse.GetValue(article)!);
                if (parse.GetValue(evaluate) is { } analystPath)
                {
                    var analyst = ImportDocumentReader.Read(analystPath, "bt draft --evaluate").Document;
                    var result = await mediator.Send(new EvaluateDraft(text, analyst, parse.GetValue(published), parse.GetValue(language)), ct);
                    WriteFigures(result.Figures, parse.GetValue(CliOptions.Format));
                    return ExitCodes.Ok;
                }
                var started = TimeProvider.System.GetTimestamp();
                var draft = await mediator.Send(new DraftArticle(text, parse.GetValue(outlet), parse.GetValue(published), parse.GetValue(language), parse.GetValue(CliOptions.Dyad), parse.GetValue(fromLedger)), ct);
                var json = DraftJson.Serialize(draft);
                if (parse.GetValue(output) is { } path)
                {
                    File.WriteAllText(path, json + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    var elapsed = TimeProvider.System.GetElapsedTime(started);
                    Console.Error.WriteLine($"{draft.Claims!.Count} proposed claim(s) for {draft.Dyad} drafted in {elapsed.TotalMilliseconds:F0} ms and written to {path}; review each (remove \"proposed\", grade the confidence), then: bt import {path}");
                }
                else
                {
                    Console.Out.WriteLine(json);
                }
                return ExitCodes.Ok;
            }

            if (parse.GetValue(fromLedger))
            {
                return CommandRunner.WithStore(parse, ct, host => Run(host.Mediator));
            }
            return CommandRunner.Guarded(async () =>
            {
                // Drafting reads no store: only the mediator and its validation.
                await using var provider = new ServiceCollection().AddBilateralTimeline().BuildServiceProvider();
                return await Run(provider.GetRequiredService<IMediator>());
            });
        });
        return command;
    }

    /// <summary>The file's characters unchanged (a UTF-8 byte order mark is not text); anything but UTF-8 is refused rather than guessed.</summary>
    private static string ReadArticle(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputRejectedException("ARTICLE", $"'{path}' does not exist");
        }
        var bytes = File.ReadAllBytes(path);
        var skip = bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            throw new InputRejectedException("ARTICLE", $"'{path}' is not UTF-8 text; convert it first (e.g. iconv -f WINDOWS-1256 -t UTF-8)");
        }
    }

    private static void WriteFigures(DraftFigures f, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            Json.Write(new
            {
                f.AnalystClaims, f.Proposals, f.RecalledClaims, f.OverlappingProposals, f.Pairs,
                f.Recall, f.Precision, f.Kind, f.Modality, f.DatedPairs, f.Date, f.Attribution, f.Rows,
            });
            return;
        }
        string Pct(double x) => x.ToString("P0", CultureInfo.InvariantCulture);
        Console.Out.WriteLine($"recall       {Pct(f.Recall),5}  ({f.RecalledClaims} of {f.AnalystClaims} analyst claims overlap a proposal)");
        Console.Out.WriteLine($"precision    {Pct(f.Precision),5}  ({f.OverlappingProposals} of {f.Proposals} proposals overlap an analyst claim)");
        Console.Out.WriteLine($"kind         {Pct(f.Kind),5}  ({f.KindAgreements} of {f.Pairs} matched pairs)");
        Console.Out.WriteLine($"modality     {Pct(f.Modality),5}  ({f.ModalityAgreements} of {f.Pairs})");
        Console.Out.WriteLine($"date         {Pct(f.Date),5}  ({f.DateAgreements} of {f.DatedPairs} dated analyst claims: a candidate overlaps)");
        Console.Out.WriteLine($"attribution  {Pct(f.Attribution),5}  ({f.AttributionAgreements} of {f.Pairs}: same kinds of links beyond the article)");
        var table = new Table().Border(TableBorder.Simple).AddColumn("analyst claim").AddColumn("proposal").AddColumn("kind").AddColumn("modality").AddColumn("date").AddColumn("attribution");
        foreach (var r in f.Rows)
        {
            table.AddRow(r.AnalystClaim, r.Proposal ?? "-", Mark(r.AnalystKind, r.ProposedKind), Mark(r.AnalystModality, r.ProposedModality),
                r.DateAgrees switch { true => "ok", false => "differs", null => "-" }, r.Proposal is null ? "-" : r.AttributionAgrees ? "ok" : "differs");
        }
        Terminal.Out.Write(table);
    }

    private static string Mark(string analyst, string? proposed) =>
        proposed is null ? Terminal.Escape(analyst) : analyst == proposed ? Terminal.Escape(analyst) : Terminal.Escape($"{analyst} ≠ {proposed}");
}
