package se.foubot.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.TreeSet;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The message bundles: every {@code i18n/<name>_sv.properties} on the class path, with its {@code _en} twin. A feature
 * adds its texts by adding its two files; nothing to register.
 */
@Configuration(proxyBeanMethods = false)
class TextBundles {

    static final String PATTERN = "classpath*:i18n/*_sv.properties";

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames(basenames());
        source.setDefaultEncoding("UTF-8");
        // a missing English text must show, not fall back to whatever language the machine runs in
        source.setFallbackToSystemLocale(false);
        source.setUseCodeAsDefaultMessage(false);
        return source;
    }

    /** "i18n/forum", "i18n/tasks", … */
    static String[] basenames() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(PATTERN);
            return Arrays.stream(found).map(Resource::getFilename).filter(n -> n != null)
                    .map(n -> "i18n/" + n.substring(0, n.length() - "_sv.properties".length()))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
