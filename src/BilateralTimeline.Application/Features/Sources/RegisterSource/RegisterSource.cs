using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Sources.RegisterSource;

/// <summary>Register one source with its full text inline, in the shape of one entry of an import file's "sources".</summary>
public sealed record RegisterSource(string? Dyad, SourceDto? Source, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class RegisterSourceValidator : AbstractValidator<RegisterSource>
{
    public RegisterSourceValidator()
    {
        RuleFor(x => x.Source).NotNull().WithMessage("is required: the source, as one entry of an import file's \"sources\"");
        RuleFor(x => x.Source!.TextFile).Null().When(x => x.Source is not null).OverridePropertyName("source.textFile")
            .WithMessage("is not accepted over HTTP (the server reads no files for a client); send the text inline in \"text\"");
        RuleFor(x => x.Source!).SetValidator(new SourceDtoValidator(new Dictionary<string, string>())).When(x => x.Source is not null);
    }
}

public sealed class RegisterSourceHandler(LedgerCommandService ledger) : IRequestHandler<RegisterSource, RecordingResult>
{
    public async Task<RecordingResult> Handle(RegisterSource request, CancellationToken cancellationToken)
    {
        var dyad = await ledger.ResolveDyadAsync(request.Dyad, cancellationToken).ConfigureAwait(false);
        var commands = SinglePart.Commands(new ImportDocument(null, 1, request.Dyad, request.RecordedBy, [request.Source!], null, [], null, null), "sources[0]", "source");
        var written = await ledger.WriteAsync(new LedgerWrite(dyad, commands, request.RecordedBy, request.ExpectedRevision), cancellationToken).ConfigureAwait(false);
        return written.ToRecording();
    }
}
