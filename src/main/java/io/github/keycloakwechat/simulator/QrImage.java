package io.github.keycloakwechat.simulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import javax.imageio.ImageIO;

/**
 * A picture that looks like a QR code: the three finder squares and a module pattern drawn from a hash of the
 * ticket, so each ticket has its own image. Not a decodable QR code: in the simulator nobody scans it with a
 * camera, a test or a person clicks through {@code /sim/scan-ticket}.
 */
final class QrImage {

    private static final int MODULES = 25;
    private static final int SCALE = 8;
    private static final int QUIET = 4;
    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xFFFFFF;

    private QrImage() {
    }

    static byte[] png(String ticket) {
        boolean[] bits = bits(ticket);
        int side = (MODULES + 2 * QUIET) * SCALE;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x / SCALE - QUIET;
                int my = y / SCALE - QUIET;
                boolean dark = mx >= 0 && my >= 0 && mx < MODULES && my < MODULES && dark(mx, my, bits);
                image.setRGB(x, y, dark ? BLACK : WHITE);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding into memory failed", e);
        }
        return png.toByteArray();
    }

    private static boolean dark(int x, int y, boolean[] bits) {
        Boolean finder = finder(x, y);
        return finder != null ? finder : bits[(y * MODULES + x) % bits.length];
    }

    /** Inside one of the three 7×7 finder squares (with their white ring): its colour; else null. */
    private static Boolean finder(int x, int y) {
        int[][] corners = {{0, 0}, {MODULES - 7, 0}, {0, MODULES - 7}};
        for (int[] c : corners) {
            int dx = x - c[0];
            int dy = y - c[1];
            if (dx >= -1 && dy >= -1 && dx <= 7 && dy <= 7) {
                if (dx < 0 || dy < 0 || dx > 6 || dy > 6) {
                    return false;
                }
                int ring = Math.min(Math.min(dx, dy), Math.min(6 - dx, 6 - dy));
                return ring != 1;
            }
        }
        return null;
    }

    private static boolean[] bits(String ticket) {
        byte[] digest;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            digest = sha.digest(ticket.getBytes(StandardCharsets.UTF_8));
            digest = concat(digest, sha.digest(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every JDK", e);
        }
        boolean[] bits = new boolean[digest.length * 8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (digest[i / 8] >> (i % 8) & 1) == 1;
        }
        return bits;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
