<#-- The page inside the login page's iframe that shows WeChat's QR code (see WeChatQrFrame). -->
<!DOCTYPE html>
<html lang="${(locale.currentLanguageTag)!'en'}">
<head>
    <meta charset="utf-8">
    <meta name="robots" content="noindex, nofollow">
    <title>${msg("wechatQrFrameTitle")}</title>
    <link rel="stylesheet" href="${url.resourcesPath}/css/wechat-qr-frame.css">
    <script src="${wechatScriptUrl}"></script>
    <script src="${url.resourcesPath}/js/wechat-qr-frame.js" defer></script>
</head>
<body>
<div id="wechat-qr"
     data-appid="${wechatAppId}"
     data-scope="${wechatScope}"
     data-redirect-uri="${wechatRedirectUri}"
     data-state="${wechatState}"
     data-lang="${((locale.currentLanguageTag)!'en')?starts_with('zh')?then('', 'en')}"
     data-fallback-url="${wechatFallbackUrl}"
     data-session-code="${wechatSessionCode}"></div>
<p id="wechat-qr-unavailable" hidden>${msg("wechatQrUnavailableMessage")}</p>
</body>
</html>
