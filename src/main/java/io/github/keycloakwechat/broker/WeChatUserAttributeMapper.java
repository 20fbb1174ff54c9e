package io.github.keycloakwechat.broker;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakwechat.api.WeChatUserInfo;
import io.github.keycloakwechat.identity.WeChatIdentity;
import org.keycloak.broker.oidc.mappers.AbstractJsonUserAttributeMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.HardcodedAttributeMapper;
import org.keycloak.broker.provider.HardcodedGroupMapper;
import org.keycloak.broker.provider.HardcodedRoleMapper;
import org.keycloak.broker.provider.HardcodedUserSessionAttributeMapper;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.util.JsonSerialization;

/**
 * "Attribute Importer" for WeChat, as Keycloak has one for GitHub or Google: the admin picks a field of the person's
 * WeChat profile ({@code nickname}, {@code headimgurl}, {@code sex}, {@code province}, {@code city}, {@code country},
 * {@code language}, {@code unionid}, {@code openid}, {@code appid}) and the user attribute it goes to, in the provider's
 * Mappers tab. Keycloak's own JSON mapper does the work; the provider stores the profile where it reads it.
 */
public class WeChatUserAttributeMapper extends AbstractJsonUserAttributeMapper {

    public static final String PROVIDER_ID = "wechat-user-attribute-mapper";
    private static final String[] COMPATIBLE_PROVIDERS = {WeChatIdentityProviderFactory.PROVIDER_ID};
    /**
     * Keycloak's mappers that never read the profile: with only these, a returning person costs one WeChat call. Any
     * other mapper (this one, or one of another extension) may read it, so the profile is fetched for it.
     */
    private static final Set<String> PROFILE_FREE_MAPPERS = Set.of(HardcodedRoleMapper.PROVIDER_ID,
            HardcodedAttributeMapper.PROVIDER_ID, HardcodedGroupMapper.PROVIDER_ID,
            HardcodedUserSessionAttributeMapper.PROVIDER_ID);

    @Override
    public String[] getCompatibleProviders() {
        return COMPATIBLE_PROVIDERS;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Import a field of the person's WeChat profile (nickname, headimgurl, sex, province, city, country,"
                + " language, unionid, openid, appid) into a user attribute. The attribute must be declared in the"
                + " realm's user profile.";
    }

    static boolean readsProfile(IdentityProviderMapperModel mapper) {
        return !PROFILE_FREE_MAPPERS.contains(mapper.getIdentityProviderMapper());
    }

    /**
     * What the mappers read, built from WeChat's answers as the provider cleaned them (nickname without control
     * characters, avatar only if https); fields WeChat did not send are absent.
     */
    public static void storeProfile(BrokeredIdentityContext context, WeChatIdentity identity, WeChatUserInfo profile,
                             String alias) {
        ObjectNode json = JsonSerialization.mapper.createObjectNode();
        json.put("appid", identity.appId());
        json.put("openid", identity.openid());
        putIfPresent(json, "unionid", identity.unionid());
        putIfPresent(json, "nickname", identity.nickname());
        putIfPresent(json, "headimgurl", identity.avatarUrl());
        if (profile != null) {
            profile.details().forEach(json::put);
        }
        storeUserProfileForMapper(context, json, alias);
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null && !value.isEmpty()) {
            json.put(field, value);
        }
    }
}
