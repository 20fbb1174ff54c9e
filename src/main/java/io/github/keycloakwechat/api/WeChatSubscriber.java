package io.github.keycloakwechat.api;

/**
 * What {@code cgi-bin/user/info} says of a person and an Official Account (protocol §7.4). Since 2021 it carries no
 * nickname or avatar, so it is read for the follow state and the unionid only.
 *
 * @param subscribed whether the person follows the account now ({@code subscribe} 1)
 * @param openid the person's openid for this Official Account
 * @param unionid null when the account is not bound to an Open Platform account
 */
public record WeChatSubscriber(boolean subscribed, String openid, String unionid) {
}
