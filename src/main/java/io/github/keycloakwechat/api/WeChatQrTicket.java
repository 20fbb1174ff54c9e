package io.github.keycloakwechat.api;

/**
 * A temporary QR code of an Official Account ({@code cgi-bin/qrcode/create}, protocol §7.2): scanning it pushes a
 * {@code subscribe} or {@code SCAN} event carrying its scene and this ticket to the account's message server.
 *
 * @param ticket what {@code showqrcode} draws the code from, and what the push's {@code Ticket} repeats
 * @param expireSeconds how long WeChat says the code stays valid from now
 * @param url the text the QR code encodes, to draw it ourselves; null when WeChat sent none
 */
public record WeChatQrTicket(String ticket, long expireSeconds, String url) {
}
