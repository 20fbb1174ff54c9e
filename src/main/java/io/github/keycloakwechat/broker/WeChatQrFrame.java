package io.github.keycloakwechat.broker;

import java.util.Locale;

import io.github.keycloakwechat.api.WeChatAuthorizationUrls;
import jakarta.ws.rs.core.Response;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The small page that the "wechat" login theme puts in an iframe on the login page to show WeChat's QR
 * code in place: WeChat's own QR page in a sandboxed iframe whose URL is built here (protocol §5), so
 * that no WeChat script runs on Keycloak's origin, where it could read the login page.
 *
 * <p>Why a page of ours between the login page and WeChat: the login page keeps Keycloak's default
 * {@code frame-src 'self'} (this page is same-origin), and only this page lets WeChat's origin in as a
 * frame source. It is served by the broker's login endpoint, so it carries the same short {@code state}
 * handle as the redirect flow and one sign-in can finish either way.
 */
final class WeChatQrFrame {

    /** Query parameter the theme adds to the broker login URL to ask for this page instead of a redirect. */
    static final String QUERY_PARAM = "wechat_qr_frame";
    static final String TEMPLATE = "wechat-qr-frame.ftl";

    private WeChatQrFrame() {
    }

    static boolean requested(AuthenticationRequest request) {
        return "1".equals(request.getUriInfo().getQueryParameters().getFirst(QUERY_PARAM));
    }

    /**
     * @param qrConnectUrl WeChat's own QR page for the same sign-in: the fallback link
     */
    static Response render(KeycloakSession session, LoginFormsProvider forms, WeChatIdentityProviderConfig config,
                           AuthenticationRequest request, String handle, String qrConnectUrl) {
        // The language the page is rendered in, as Keycloak's login forms resolve it for this request.
        Locale locale = session.getContext().resolveLocale(null);
        String frameUrl = WeChatAuthorizationUrls.qrConnectFrame(config.getOpenBaseUrl(), config.getClientId(),
                request.getRedirectUri(), handle, !"zh".equals(locale.getLanguage()));
        // Only for this response: the realm's headers stay as the admin set them everywhere else.
        session.getProvider(SecurityHeadersProvider.class).options().allowFrameSrc(config.getOpenOrigin());
        return forms
                .setAttribute("wechatFrameUrl", frameUrl)
                .setAttribute("wechatFallbackUrl", qrConnectUrl)
                // The login page's links carry the action code this request used up; the frame hands the
                // page the current one so that its other buttons and forms keep working.
                .setAttribute("wechatSessionCode", request.getState().getDecodedState())
                .createForm(TEMPLATE);
    }
}
