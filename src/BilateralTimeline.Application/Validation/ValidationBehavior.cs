using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Validation;

/// <summary>
/// Runs every FluentValidation validator of a request, and the text rule over all its strings, before
/// its handler; a failure stops the request.
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken).ConfigureAwait(false);
            failures.AddRange(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage, Remedies.FromErrorCode(e.ErrorCode))));
        }
        // One message per field is enough: an id with a control character already fails the id rule.
        failures.AddRange(TextFields.Problems(request).Where(p => !failures.Any(f => f.Field == p.Field)));
        if (failures.Count > 0)
        {
            throw new InputRejectedException($"{failures.Count} problem(s) in the input", failures);
        }
        return await next().ConfigureAwait(false);
    }
}
