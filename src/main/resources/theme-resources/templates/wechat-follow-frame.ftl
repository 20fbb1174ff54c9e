<#-- The Official Account's QR code (see FollowQrPage): inside the login page's iframe, or a page of its own. -->
<!DOCTYPE html>
<html lang="${(locale.currentLanguageTag)!'en'}">
<head>
    <#-- Our own script, style and status requests; images only from WeChat's QR image host. -->
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src ${(wechatFollowImageOrigin)!"'none'"}; base-uri 'none'; form-action 'none'">
    <meta charset="utf-8">
    <meta name="robots" content="noindex, nofollow">
    <title>${msg("wechatFollowQrImageAlt")}</title>
    <link rel="stylesheet" href="${url.resourcesPath}/css/wechat-follow-frame.css">
    <script src="${url.resourcesPath}/js/wechat-qr-frame.js" defer></script>
    <script src="${url.resourcesPath}/js/wechat-follow-frame.js" defer></script>
</head>
<body>
<#-- Shown only when this page is not framed by the login page (the button, without the theme or on a phone). -->
<h1 class="wechat-follow__title">${msg("wechatFollowQrTitle")}</h1>
<#if wechatFollowUnavailable??>
<div id="wechat-qr" class="wechat-follow" data-state="unavailable" data-session-code="${wechatSessionCode}">
    <p class="wechat-follow__unavailable" role="alert">${msg("wechatFollowQrUnavailable")}</p>
</div>
<#else>
<div id="wechat-qr" class="wechat-follow" data-state="waiting" data-session-code="${wechatSessionCode}"
     data-status-url="${wechatFollowStatusUrl}" data-sign-in-url="${wechatFollowSignInUrl}"
     data-expires-in="${wechatFollowExpiresIn}" data-restart-url="${url.loginRestartFlowUrl}">
    <#-- No referrer: WeChat's image host learns nothing of this page's URL. -->
    <img class="wechat-follow__code" src="${wechatFollowImageUrl}" alt="${msg("wechatFollowQrImageAlt")}"
         width="200" height="200" referrerpolicy="no-referrer">
    <p class="wechat-follow__scanned" role="status">${msg("wechatFollowQrScanned")}</p>
    <div class="wechat-follow__expired" role="alert">
        <p>${msg("wechatFollowQrExpired")}</p>
        <button type="button" id="wechat-follow-renew">${msg("wechatFollowQrRenew")}</button>
    </div>
</div>
</#if>
</body>
</html>
