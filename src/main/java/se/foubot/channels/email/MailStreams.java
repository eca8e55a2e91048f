package se.foubot.channels.email;

import jakarta.mail.util.StreamProvider;

import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Jakarta Mail 2.1 looks up its stream provider anew on every call that decodes or encodes (reading a mail's
 * headers, {@code MimeUtility.decode}, each RFC 2047 word of a subject, writing a mail out): a {@code ServiceLoader}
 * scan of every jar on the class path (jakartaee/mail-api#861). Reading one mail made three or more such scans,
 * about 40 % of the time the bot took to read it (JFR, {@code EmailBenchmark}). The API's finder reads the system
 * property named after the interface before it scans; naming Angus's provider there — the one the scan finds — leaves
 * a class lookup by name. The finder resolves that name with the thread's context class loader: every thread that
 * reads or sends mail here is started by the bot or by Spring and has the application's class loader as its context.
 * An operator's own setting is kept.
 */
final class MailStreams {

    static final String PROPERTY = StreamProvider.class.getName();

    private MailStreams() {
    }

    /** Names Angus's stream provider for Jakarta Mail, unless one is named already. Idempotent. */
    static void nameTheProvider() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, MailStreamProvider.class.getName());
        }
    }
}
