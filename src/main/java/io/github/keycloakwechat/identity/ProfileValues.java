package io.github.keycloakwechat.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.KeycloakSession;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.validator.DuplicateUsernameValidator;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.validators.LengthValidator;

/**
 * What the realm's own user profile accepts of a value the provider puts into a form for the person (the nickname as
 * first name, a username made from it). Keycloak is asked, attribute by attribute, with the validators the admin
 * configured; nothing of their rules is copied here, so a tightened or loosened realm is followed as it is.
 *
 * <p>A value Keycloak refuses loses the characters it refuses (each asked alone), then, if the rest is still refused
 * (too long, too short), characters from its end; what remains may be empty. Otherwise the person would be shown a
 * prefilled field that Keycloak then rejects on submit ("Value contains invalid character"), for a value they never
 * typed.
 */
final class ProfileValues {

    /**
     * Validators that speak of the person or the form rather than of the value: whether a field is required, whether
     * someone has this username already (checked where usernames are made), whether a read-only field changed.
     */
    private static final Set<String> NOT_ABOUT_THE_VALUE = Set.of(DuplicateUsernameValidator.ID,
            "up-attribute-required-by-metadata-value", "up-registration-username-exists", "up-username-has-value",
            "up-blank-attribute-value", "up-readonly-attribute-unchanged", "up-username-mutation",
            "up-immutable-attribute");

    private final UserProfileProvider profiles;

    ProfileValues(KeycloakSession session) {
        this.profiles = session.getProvider(UserProfileProvider.class);
    }

    /** {@code value} as far as the realm accepts it for {@code attribute}; {@code ""} when nothing usable remains. */
    String accepted(String attribute, String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        if (accepts(attribute, value)) {
            return value;
        }
        // "Tom & Jerry" becomes "Tom Jerry", not "Tom  Jerry".
        String kept = withoutRefusedCharacters(attribute, value).replaceAll("\\s{2,}", " ").strip();
        while (!kept.isEmpty() && !accepts(attribute, kept)) {
            kept = kept.substring(0, kept.offsetByCodePoints(kept.length(), -1)).strip();
        }
        return kept;
    }

    /** Whether the realm accepts {@code value} for {@code attribute} (whether a user has it already aside). */
    boolean accepts(String attribute, String value) {
        return errors(attribute, value).stream().allMatch(error -> NOT_ABOUT_THE_VALUE.contains(error.getValidatorId()));
    }

    /** {@code value} without the characters the realm refuses for {@code attribute}, each asked alone. */
    String withoutRefusedCharacters(String attribute, String value) {
        Map<Integer, Boolean> refused = new HashMap<>();
        StringBuilder kept = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            // One character alone is judged on what it is, not on its length (a minimum length is the whole value's).
            boolean refuse = refused.computeIfAbsent(cp, c -> errors(attribute, Character.toString(c)).stream()
                    .map(ValidationError::getValidatorId)
                    .anyMatch(id -> !NOT_ABOUT_THE_VALUE.contains(id) && !LengthValidator.ID.equals(id)));
            if (!refuse) {
                kept.appendCodePoint(cp);
            }
        });
        return kept.toString();
    }

    private List<ValidationError> errors(String attribute, String value) {
        // The review-profile form is where these values are shown: ask with that form's rules.
        UserProfile profile = profiles.create(UserProfileContext.IDP_REVIEW, Map.of(attribute, value));
        List<ValidationError> errors = new ArrayList<>();
        profile.getAttributes().validate(attribute, errors::add);
        return errors;
    }
}
