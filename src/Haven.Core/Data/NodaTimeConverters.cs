using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Haven.Core.Data;

internal sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    instant => instant.ToDateTimeUtc(),
    dateTime => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)));

internal sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
    date => date.ToDateOnly(),
    dateOnly => LocalDate.FromDateOnly(dateOnly));
