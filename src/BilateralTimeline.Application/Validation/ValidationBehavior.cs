using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Validation;

/// <summary>Runs every FluentValidation validator of a request before its handler; a failure stops the request.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken).ConfigureAwait(false);
            failures.AddRange(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)));
        }
        if (failures.Count > 0)
        {
            throw new InputRejectedException($"{failures.Count} problem(s) in the input", failures);
        }
        return await next().ConfigureAwait(false);
    }
}
