package io.github.keycloakwechat.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Simulated people by id, in registration order (the first one is the default scanner). */
final class PersonRegistry {

    private final Map<String, SimPerson> people = new LinkedHashMap<>();
    private final Identifiers ids;
    private int generated;

    PersonRegistry(Identifiers ids) {
        this.ids = ids;
    }

    /** Registers a person (replacing one with the same id); a null avatar gets a derived qlogo-style URL. */
    synchronized SimPerson add(String id, String nickname, String avatarUrl) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("person id must not be blank");
        }
        if (nickname == null) {
            throw new IllegalArgumentException("nickname must not be null");
        }
        SimPerson person = new SimPerson(id, nickname, avatarUrl == null ? ids.avatarUrl(id) : avatarUrl);
        people.put(id, person);
        return person;
    }

    /** A brand-new person, as when someone who never used the app scans: ids {@code scan-1}, {@code scan-2}, … */
    synchronized SimPerson addNew(String nickname) {
        String id;
        do {
            id = "scan-" + (++generated);
        } while (people.containsKey(id));
        return add(id, nickname, null);
    }

    synchronized SimPerson get(String id) {
        return id == null ? null : people.get(id);
    }

    synchronized SimPerson require(String id) {
        SimPerson person = get(id);
        if (person == null) {
            throw new IllegalArgumentException("no person registered with id " + id);
        }
        return person;
    }

    synchronized SimPerson first() {
        return people.isEmpty() ? null : people.values().iterator().next();
    }

    synchronized List<SimPerson> all() {
        return new ArrayList<>(people.values());
    }
}
