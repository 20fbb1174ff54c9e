package io.github.keycloakwechat.simulator;

import java.util.List;

/**
 * The simulator-only part of the QR and consent pages: who is holding the phone. Radio inputs
 * {@code name="person"} (value = person id, ids {@code person-0}, {@code person-1}, …) and a text input
 * {@code name="new_nickname"} to log in as a brand-new person.
 */
final class PersonPicker {

    private PersonPicker() {
    }

    static String render(List<SimPerson> people, String checkedId) {
        String checked = checkedId != null ? checkedId : people.isEmpty() ? null : people.get(0).id();
        StringBuilder html = new StringBuilder();
        html.append("<fieldset id=\"people\"><legend>模拟微信用户 / Simulated WeChat user</legend>\n");
        for (int i = 0; i < people.size(); i++) {
            SimPerson p = people.get(i);
            html.append("<label for=\"person-").append(i).append("\"><input type=\"radio\" id=\"person-").append(i)
                    .append("\" name=\"person\" value=\"").append(Html.escape(p.id())).append('"')
                    .append(p.id().equals(checked) ? " checked" : "").append("> <span class=\"nickname\">")
                    .append(Html.escape(p.nickname())).append("</span> <code>").append(Html.escape(p.id()))
                    .append("</code></label>\n");
        }
        html.append("<label for=\"new_nickname\">新用户昵称 / Or a new person, nickname:</label>\n")
                .append("<input type=\"text\" id=\"new_nickname\" name=\"new_nickname\" maxlength=\"64\" placeholder=\"昵称 / nickname\">\n")
                .append("</fieldset>\n");
        return html.toString();
    }

    /** The person a submitted picker chose: a new nickname wins over the radio. Null if the choice is invalid. */
    static SimPerson resolve(PersonRegistry people, String personId, String newNickname) {
        if (newNickname != null && !newNickname.isBlank()) {
            return people.addNew(newNickname.strip());
        }
        return people.get(personId);
    }

    static boolean valid(PersonRegistry people, String personId, String newNickname) {
        return (newNickname != null && !newNickname.isBlank()) || people.get(personId) != null;
    }
}
