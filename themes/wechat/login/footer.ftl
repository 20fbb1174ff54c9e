<#-- keycloak.v2 leaves this macro empty for themes to fill. The "wechat" theme uses it to hand its script the
     QR panel of each WeChat provider whose admin switched "Embedded QR code" (config kcTheme-embeddedQr, seen here
     as themeConfig.embeddedQr) or "Follow the Official Account to sign in" (kcTheme-followQr) on. Every button
     stays Keycloak's own. -->
<#macro content>
<#if social?? && social.providers??>
<#list social.providers as p>
<#if p.providerId == "wechat" && ((p.themeConfig.followQr)!"false") == "true">
<div class="kc-wechat-qr" data-wechat-qr="${p.alias}" data-frame-url="${p.loginUrl}" data-frame-param="wechat_follow_qr" hidden>
    <p class="kc-wechat-qr__title">${msg("wechatFollowQrTitle")}</p>
    <iframe class="kc-wechat-qr__frame kc-wechat-qr__frame--follow" title="${msg("wechatFollowQrImageAlt")}"></iframe>
</div>
<#elseif p.providerId == "wechat" && ((p.themeConfig.embeddedQr)!"false") == "true">
<div class="kc-wechat-qr" data-wechat-qr="${p.alias}" data-frame-url="${p.loginUrl}" data-frame-param="wechat_qr_frame" hidden>
    <p class="kc-wechat-qr__title">${msg("wechatEmbeddedQrTitle")}</p>
    <iframe class="kc-wechat-qr__frame" title="${msg("wechatQrFrameTitle")}"></iframe>
    <a class="kc-wechat-qr__fallback" id="wechat-open-page-${p.alias}" href="${p.loginUrl}">${msg("wechatOpenPageInstead")}</a>
</div>
</#if>
</#list>
</#if>
</#macro>
