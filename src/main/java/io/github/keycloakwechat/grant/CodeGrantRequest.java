package io.github.keycloakwechat.grant;

import java.util.List;

import io.github.keycloakwechat.broker.WeChatApp;
import io.github.keycloakwechat.broker.WeChatCallbackEndpoint;
import io.github.keycloakwechat.broker.WeChatChannel;
import io.github.keycloakwechat.broker.WeChatIdentityProvider;
import io.github.keycloakwechat.broker.WeChatIdentityProviderConfig;
import io.github.keycloakwechat.broker.WeChatIdentityProviderFactory;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

/**
 * A code-grant request, checked: which WeChat provider and which of its apps the code comes from, and that the
 * client may use the grant at all. Every refusal names what to change.
 */
record CodeGrantRequest(WeChatIdentityProvider provider, WeChatApp app, String code, String phoneCode) {

    static final String PARAM_CODE = "code";
    static final String PARAM_APPID = "appid";
    static final String PARAM_PHONE_CODE = "phone_code";
    static final String PARAM_PROVIDER = "provider";

    static CodeGrantRequest read(KeycloakSession session, ClientModel client, MultivaluedMap<String, String> form)
            throws CodeGrantException {
        IdentityProviderModel model = provider(session, form.getFirst(PARAM_PROVIDER));
        WeChatIdentityProviderConfig config = new WeChatIdentityProviderConfig(model);
        if (!config.getCodeGrantClients().contains(client.getClientId())) {
            throw new CodeGrantException("unauthorized_client", "Client '" + client.getClientId()
                    + "' may not use the WeChat code grant: the WeChat provider '" + model.getAlias()
                    + "' does not list it in codeGrantClients", Response.Status.BAD_REQUEST, "client_not_allowed");
        }
        String code = required(form, PARAM_CODE);
        String appId = required(form, PARAM_APPID);
        String phoneCode = optional(form, PARAM_PHONE_CODE);
        // The callback's bound: WeChat's codes are about 32 characters, and a longer one is not sent on.
        if (code.length() > WeChatCallbackEndpoint.MAX_CODE_LENGTH
                || phoneCode != null && phoneCode.length() > WeChatCallbackEndpoint.MAX_CODE_LENGTH) {
            throw CodeGrantException.invalidRequest("The code is too long to be a WeChat code");
        }
        WeChatApp app = app(config, appId);
        if (phoneCode != null && app.channel() != WeChatChannel.MINI_PROGRAM) {
            throw CodeGrantException.invalidRequest("phone_code comes from a mini program's getPhoneNumber button;"
                    + " appid " + appId + " is the provider's mobile app");
        }
        return new CodeGrantRequest(new WeChatIdentityProvider(session, config), app, code, phoneCode);
    }

    /** The provider named by {@code provider}, else the realm's only WeChat provider. */
    private static IdentityProviderModel provider(KeycloakSession session, String alias) throws CodeGrantException {
        IdentityProviderModel model = alias != null && !alias.isBlank() ? named(session, alias) : theOnlyOne(session);
        if (!model.isEnabled()) {
            throw CodeGrantException.invalidRequest("The WeChat provider '" + model.getAlias() + "' is disabled");
        }
        return model;
    }

    private static IdentityProviderModel named(KeycloakSession session, String alias) throws CodeGrantException {
        IdentityProviderModel model = session.identityProviders().getByAlias(alias);
        if (!isWeChat(model)) {
            throw CodeGrantException.invalidRequest("This realm has no WeChat provider '" + alias + "'");
        }
        return model;
    }

    private static IdentityProviderModel theOnlyOne(KeycloakSession session) throws CodeGrantException {
        IdentityProviderModel usual = session.identityProviders().getByAlias(WeChatIdentityProviderFactory.PROVIDER_ID);
        if (isWeChat(usual) && session.identityProviders().count() == 1) {
            // The usual set-up, answered from Keycloak's cache: one provider in the realm, named "wechat".
            return usual;
        }
        List<IdentityProviderModel> all = session.identityProviders().getAllStream()
                .filter(CodeGrantRequest::isWeChat).toList();
        if (all.isEmpty()) {
            throw CodeGrantException.invalidRequest("This realm has no WeChat provider");
        }
        if (all.size() > 1) {
            throw CodeGrantException.invalidRequest("This realm has several WeChat providers; name one in the"
                    + " 'provider' parameter: " + String.join(", ", all.stream().map(IdentityProviderModel::getAlias)
                    .sorted().toList()));
        }
        return all.get(0);
    }

    private static boolean isWeChat(IdentityProviderModel model) {
        return model != null && WeChatIdentityProviderFactory.PROVIDER_ID.equals(model.getProviderId());
    }

    private static WeChatApp app(WeChatIdentityProviderConfig config, String appId) throws CodeGrantException {
        if (!WeChatIdentityProviderConfig.isAppId(appId)) {
            throw CodeGrantException.invalidRequest("appid " + WeChatIdentityProviderConfig.APP_ID_RULE);
        }
        for (WeChatChannel channel : List.of(WeChatChannel.MINI_PROGRAM, WeChatChannel.MOBILE_APP)) {
            WeChatApp app = WeChatApp.of(config, channel);
            if (appId.equals(app.appId())) {
                return app;
            }
        }
        throw CodeGrantException.invalidRequest("appid " + appId + " is neither the mini program nor the mobile app"
                + " of the WeChat provider '" + config.getAlias() + "'");
    }

    private static String required(MultivaluedMap<String, String> form, String name) throws CodeGrantException {
        String value = optional(form, name);
        if (value == null) {
            throw CodeGrantException.invalidRequest("Missing parameter: " + name);
        }
        return value;
    }

    private static String optional(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
