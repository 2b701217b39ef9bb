package com.statalog.webhooks.registry.webhook;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.CodePointLength;

import com.statalog.webhooks.contracts.EventType;

/**
 * What a webhook's fields may hold (docs/registry-api.md), as Bean Validation constraints shared by
 * a new webhook ({@link WebhookResource.NewWebhook}) and a change ({@link WebhookPatch}). A null
 * passes each of them: whether a field is required is the request's business, not the field's.
 */
public final class WebhookRules {

    static final Set<String> EVENTS = Set.copyOf(EventType.wireNames());
    static final BigDecimal DEFAULT_THRESHOLD = BigDecimal.valueOf(50);
    static final String REQUIRED = "is required";

    private WebhookRules() {
    }

    /** Not blank; at most 100 characters, counted as Unicode code points (an emoji is one). */
    @Pattern(regexp = "(?sU).*\\S.*", message = "must not be blank")
    @CodePointLength(max = 100, message = "must be at most 100 characters")
    @Constraint(validatedBy = {})
    @Target({ FIELD, PARAMETER })
    @Retention(RUNTIME)
    public @interface Name {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Only the shape: whether the target may be reached is the dispatcher's decision (TargetUrls). */
    @Pattern(regexp = "(?sU).*\\S.*", message = "must not be blank")
    @Size(max = 2048, message = "must be at most 2048 characters")
    @Constraint(validatedBy = {})
    @Target({ FIELD, PARAMETER })
    @Retention(RUNTIME)
    public @interface Url {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /**
     * A threshold: a percentage above 0 and at most {@code max}, two decimals at most. The OpenAPI
     * scanner reads the {@code DecimalMax} below without its override, so each use also states its
     * maximum with {@code @Schema(maximum = …)}.
     */
    @DecimalMin(value = "0", inclusive = false, message = "must be a percentage above 0")
    @DecimalMax(value = "0", message = "must be a percentage of at most {value}")
    @Digits(integer = 7, fraction = 2, message = "must have at most two decimals")
    @Constraint(validatedBy = {})
    @Target({ FIELD, PARAMETER })
    @Retention(RUNTIME)
    public @interface Percentage {
        @OverridesAttribute(constraint = DecimalMax.class, name = "value")
        String max();

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A spike of more than 1 000 000 % is not a threshold anyone means. */
    static final String MAX_SPIKE = "1000000";
    /** A drop cannot exceed 100 %: a larger threshold could never fire. */
    static final String MAX_DROP = "100";

    /** At least one event, each one of {@link EventType}'s. */
    @Constraint(validatedBy = KnownEvents.class)
    @Target({ FIELD, PARAMETER })
    @Retention(RUNTIME)
    public @interface Events {
        String message() default "must list known events";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final class KnownEvents implements ConstraintValidator<Events, List<String>> {

        @Override
        public boolean isValid(List<String> events, ConstraintValidatorContext context) {
            if (events == null) {
                return true;
            }
            String known = String.join(", ", EVENTS.stream().sorted().toList());
            List<String> unknown = events.stream().filter(event -> event == null || !EVENTS.contains(event)).map(String::valueOf).toList();
            if (!events.isEmpty() && unknown.isEmpty()) {
                return true;
            }
            // event names hold no template characters ({, }, $, \\); a client's unknown one may, so it is not quoted
            String message = events.isEmpty() ? "must list at least one of " + known
                    : unknown.size() + " unknown event(s); known: " + known;
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
            return false;
        }
    }

    /** The events as stored: without duplicates, sorted. */
    static String[] normalised(List<String> events) {
        return events.stream().distinct().sorted().toArray(String[]::new);
    }

    static BigDecimal orDefault(BigDecimal threshold) {
        return threshold == null ? DEFAULT_THRESHOLD : threshold;
    }
}
