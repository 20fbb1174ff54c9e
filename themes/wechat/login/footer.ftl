<#-- keycloak.v2 leaves this macro empty for themes to fill. The "wechat" theme uses it to hand its script the
     embedded QR panel of each WeChat provider whose admin switched "Embedded QR code" on
     (config kcTheme-embeddedQr, seen here as themeConfig.embeddedQr). Every button stays Keycloak's own. -->
<#macro content>
<#if social?? && social.providers??>
<#list social.providers as p>
<#if p.providerId == "wechat" && ((p.themeConfig.embeddedQr)!"false") == "true">
<div class="kc-wechat-qr" data-wechat-qr="${p.alias}" data-frame-url="${p.loginUrl}" hidden>
    <p class="kc-wechat-qr__title">${msg("wechatEmbeddedQrTitle")}</p>
    <iframe class="kc-wechat-qr__frame" title="${msg("wechatQrFrameTitle")}"></iframe>
    <a class="kc-wechat-qr__fallback" id="wechat-open-page-${p.alias}" href="${p.loginUrl}">${msg("wechatOpenPageInstead")}</a>
</div>
</#if>
</#list>
</#if>
</#macro>
