package io.github.keycloakwechat.it.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** An Official Account QR code's image URL ({@code …/cgi-bin/showqrcode?ticket=…}), as the login page shows it. */
public final class QrImageUrl {

    private QrImageUrl() {
    }

    /** The ticket the image stands for, as a phone reads it from the code. */
    public static String ticket(String imageUrl) {
        String raw = imageUrl.substring(imageUrl.indexOf("ticket=") + "ticket=".length());
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
