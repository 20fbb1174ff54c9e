package io.github.keycloakwechat.it.support;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.jsoup.select.Elements;

/** What a browser would submit for an HTML form: the successful controls, in document order. */
final class HtmlForms {

    /** Input types that are never submitted as plain values (buttons only when pressed, files unsupported). */
    private static final Set<String> NOT_SUBMITTED = Set.of("submit", "button", "image", "reset", "file");

    private HtmlForms() {
    }

    /** Inputs (text, hidden, password, ...), checked checkboxes and radios, selected options, and textareas. */
    static List<Map.Entry<String, String>> fields(FormElement form) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Element control : form.elements()) {
            String name = control.attr("name");
            if (name.isEmpty() || control.hasAttr("disabled")) {
                continue;
            }
            switch (control.normalName()) {
                case "input" -> {
                    String type = control.attr("type").toLowerCase(Locale.ROOT);
                    if (type.equals("checkbox") || type.equals("radio")) {
                        if (control.hasAttr("checked")) {
                            fields.add(new SimpleEntry<>(name, control.hasAttr("value") ? control.attr("value") : "on"));
                        }
                    } else if (!NOT_SUBMITTED.contains(type)) {
                        fields.add(new SimpleEntry<>(name, control.attr("value")));
                    }
                }
                case "select" -> selected(control).forEach(option -> fields.add(new SimpleEntry<>(name, optionValue(option))));
                case "textarea" -> fields.add(new SimpleEntry<>(name, control.wholeText()));
                default -> {
                    // buttons count only when pressed; fieldset, output and object carry no value
                }
            }
        }
        return fields;
    }

    /** {@code fields} with each override replacing every field of that name (in place), or appended if new. */
    static List<Map.Entry<String, String>> override(List<Map.Entry<String, String>> fields, Map<String, String> overrides) {
        List<Map.Entry<String, String>> result = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Map.Entry<String, String> field : fields) {
            String name = field.getKey();
            if (!overrides.containsKey(name)) {
                result.add(field);
            } else if (done.add(name) && overrides.get(name) != null) {
                result.add(new SimpleEntry<>(name, overrides.get(name)));
            }
        }
        overrides.forEach((name, value) -> {
            if (!done.contains(name) && value != null) {
                result.add(new SimpleEntry<>(name, value));
            }
        });
        return result;
    }

    /** The absolute URL the form posts to; no action means the page's own URL. */
    static String action(FormElement form) {
        String action = form.absUrl("action");
        return action.isEmpty() ? form.baseUri() : action;
    }

    /** The form a button submits: the one its {@code form} attribute names, else the enclosing one. */
    static FormElement formOf(Element button) {
        if (button.hasAttr("form")) {
            Element named = button.ownerDocument() == null ? null : button.ownerDocument().getElementById(button.attr("form"));
            if (named instanceof FormElement form) {
                return form;
            }
        }
        for (Element parent : button.parents()) {
            if (parent instanceof FormElement form) {
                return form;
            }
        }
        throw new AssertionError("The button " + button.cssSelector() + " is in no form");
    }

    private static Elements selected(Element select) {
        Elements selected = select.select("option[selected]");
        if (selected.isEmpty() && !select.hasAttr("multiple")) {
            Element first = select.selectFirst("option");
            return first == null ? new Elements() : new Elements(first);
        }
        return selected;
    }

    private static String optionValue(Element option) {
        return option.hasAttr("value") ? option.attr("value") : option.text();
    }
}
