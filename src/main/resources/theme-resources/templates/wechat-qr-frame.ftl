<#-- The page inside the login page's iframe that shows WeChat's QR code (see WeChatQrFrame). -->
<!DOCTYPE html>
<html lang="${(locale.currentLanguageTag)!'en'}">
<head>
    <#-- Our own script only: this page is same-origin with the login page. -->
    <meta http-equiv="Content-Security-Policy" content="script-src 'self'; object-src 'none'; base-uri 'none'">
    <meta charset="utf-8">
    <meta name="robots" content="noindex, nofollow">
    <title>${msg("wechatQrFrameTitle")}</title>
    <link rel="stylesheet" href="${url.resourcesPath}/css/wechat-qr-frame.css">
    <script src="${url.resourcesPath}/js/wechat-qr-frame.js" defer></script>
</head>
<body>
<div id="wechat-qr" data-fallback-url="${wechatFallbackUrl}" data-session-code="${wechatSessionCode}">
    <#-- WeChat's page, cross-origin and sandboxed: it can reach neither this page nor the login page.
         allow-scripts: it draws the code and polls for the scan; allow-same-origin: its own origin, for its
         cookies and requests (without it the page would be an opaque origin); allow-top-navigation: after the
         phone confirms, its script sends the whole window to Keycloak's callback, with no click in the frame.
         Nothing else: no forms, popups or downloads. No referrer: this page's URL carries Keycloak's action code. -->
    <iframe id="wechat-qr-frame" src="${wechatFrameUrl}" title="${msg("wechatQrFrameTitle")}"
            width="300" height="400" referrerpolicy="no-referrer"
            sandbox="allow-scripts allow-same-origin allow-top-navigation"></iframe>
</div>
</body>
</html>
