package org.opencx.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code platforms}: a list of ws:// or wss:// URLs, or a single one written as a string. */
final class PlatformUrls implements ValueType<List<URI>> {
    private static final String ONE = "a ws:// or wss:// URL such as \"wss://platform:443/Thingworx/WS\"";

    @Override
    public List<URI> read(Config config, String path, SecretResolver secrets) {
        List<String> texts = config.getValue(path).valueType() == ConfigValueType.STRING
                ? List.of(config.getString(path)) : config.getStringList(path);
        if (texts.isEmpty()) {
            throw new InvalidValue("at least one platform: " + ONE);
        }
        List<URI> urls = new ArrayList<>(texts.size());
        for (String text : texts) {
            URI url = url(text.trim());
            if (urls.contains(url)) {
                throw new InvalidValue("each platform node once (\"" + text.trim() + "\" is listed twice)");
            }
            urls.add(url);
        }
        return urls;
    }

    private static URI url(String text) {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("ws") || scheme.equals("wss")) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidValue(ONE + " (\"" + text + "\" is not)");
    }

    @Override
    public String expected() {
        return ONE + ", or a list of them";
    }
}
