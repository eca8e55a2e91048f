package se.foubot.conversation;

/** The engine's own words, the same for every flow. */
final class EngineTexts {

    private EngineTexts() {
    }

    static final LocalizedText GREETING = LocalizedText.of(
            "Hej! Jag är FoU-boten för socialtjänstens forskning och utveckling. Det här kan jag hjälpa till med:",
            "Hi! I am the FoU bot of the social services' research and development unit. I can help you with:");
    static final LocalizedText FLOW_ENTRY = LocalizedText.of("• {title} – skriv ”{command}”", "• {title} – write “{command}”");
    static final LocalizedText MENU_FOOTER = LocalizedText.of(
            "Skriv ”hjälp” för fler kommandon.", "Write “help” for more commands.");
    /** Offered on its own line only while the bot does not know the person's language (a first contact). */
    static final LocalizedText LANGUAGE_OFFER = LocalizedText.of(
            "In English? Write “english”.", "På svenska? Skriv ”svenska”.");
    /** A message delivered after a later one of the same person was answered (see ConversationState#tookLaterThan). */
    static final LocalizedText OUTDATED = LocalizedText.of(
            "Ditt meddelande ”{input}” kom fram först nu, efter att jag redan tagit emot ett senare meddelande från dig, så jag har inte räknat det som ett svar. Skriv det igen om det fortfarande gäller.",
            "Your message “{input}” only reached me now, after a later message of yours, so I have not taken it as an answer. Please write it again if it still applies.");
    static final LocalizedText THANKS = LocalizedText.of(
            "Varsågod! Skriv när du behöver något mer.", "You're welcome! Write whenever you need anything else.");
    static final LocalizedText COMMANDS = LocalizedText.of(
            "Kommandon som fungerar hela tiden: ”avbryt”, ”tillbaka”, ”börja om”, ”hjälp”, ”english”.",
            "Commands that always work: “cancel”, “back”, “restart”, “help”, “svenska”.");
    static final LocalizedText OPTIONAL_HINT = LocalizedText.of(
            "(Frivilligt – skriv ”hoppa över” om du inte vill svara.)",
            "(Optional – write “skip” if you don't want to answer.)");
    static final LocalizedText CHOICE_HINT = LocalizedText.of(
            "Svara med nummer eller namn.", "Answer with a number or a name.");
    static final LocalizedText NARROWED_NUMBER = LocalizedText.of(
            "Skriv en siffra från 1 till {count}, eller namnet.", "Write a number from 1 to {count}, or the name.");
    static final LocalizedText NARROWED_ONE_OR_TWO = LocalizedText.of("Skriv 1 eller 2, eller namnet.", "Write 1 or 2, or the name.");
    static final LocalizedText WHICH_OF = LocalizedText.of("Vilket av de här menar du?", "Which of these do you mean?");
    static final LocalizedText YES_NO_HINT = LocalizedText.of("Svara ja eller nej.", "Answer yes or no.");
    static final LocalizedText SUMMARY_HEADER = LocalizedText.of("Sammanfattning:", "Summary:");
    static final LocalizedText SUMMARY_FOOTER = LocalizedText.of(
            "Stämmer det? Svara ”ja” för att skicka, eller skriv numret på det du vill ändra.",
            "Is this right? Answer “yes” to send, or write the number of what you want to change.");
    static final LocalizedText SUMMARY_WHICH = LocalizedText.of(
            "Vilket svar vill du ändra? Skriv dess nummer (1–{count}), eller ”ja” för att skicka som det är.",
            "Which answer do you want to change? Write its number (1–{count}), or “yes” to send it as it is.");
    static final LocalizedText SUMMARY_WHICH_NAMED = LocalizedText.of(
            "Jag vet inte vilket svar ”{input}” är. Skriv numret (1–{count}) eller till exempel ”ändra datum”.",
            "I don't know which answer “{input}” is. Write its number (1–{count}) or for example “change date”.");
    static final LocalizedText SUMMARY_NUMBER_NOT_THERE = LocalizedText.of(
            "Sammanfattningen har bara {count} svar, så ”{input}” finns inte med. Skriv numret (1–{count}) eller till exempel ”ändra datum”.",
            "The summary has only {count} answers, so “{input}” is not there. Write its number (1–{count}) or for example “change date”.");
    static final LocalizedText CHANGE_IN_TURN = LocalizedText.of("Vi tar dem en i taget.", "Let's take them one at a time.");
    static final LocalizedText OPENING_KEPT = LocalizedText.of(
            "Det du skrev tar jag som svar på ”{label}”, så den frågan hoppar jag över. Du kan ändra svaret i sammanfattningen.",
            "I have taken what you wrote as the answer to “{label}”, so I will skip that question. You can change it in the summary.");
    static final LocalizedText GUESS = LocalizedText.of("Jag tolkar det som ”{option}”. Stämmer det?",
            "I take that as “{option}”. Is that right?");
    static final LocalizedText GUESS_REFUSED = LocalizedText.of("Då får du välja i listan.", "Then please choose from the list.");
    static final LocalizedText CONFIRM_CHOICE = LocalizedText.of("Ja, skicka", "Yes, send");
    static final LocalizedText CANCEL_CHOICE = LocalizedText.of("Avbryt", "Cancel");
    static final LocalizedText CANCELLED = LocalizedText.of(
            "Okej, jag har avbrutit. Inget skickades.", "Okay, I have cancelled. Nothing was sent.");
    /** The flow a stored conversation was in is gone (its file removed, or the document changed by hand). */
    static final LocalizedText FLOW_GONE = LocalizedText.of(
            "Frågorna i det vi höll på med finns inte längre, så jag har avslutat det. Inget skickades.",
            "The questions of what we were doing no longer exist, so I have ended it. Nothing was sent.");
    /** The flow a person had set aside for the bot's question is gone: it cannot go on where it stood. */
    static final LocalizedText PAUSED_GONE = LocalizedText.of(
            "Det du höll på med innan kan inte fortsätta, eftersom frågorna i det inte finns längre. Jag har avslutat det. Inget skickades.",
            "What you were doing before cannot go on, since its questions no longer exist. I have ended it. Nothing was sent.");
    /** An analyst's question cancelled: "jag har avbrutit" alone reads as if the person's own conversation ended too. */
    static final LocalizedText QUESTION_CANCELLED = LocalizedText.of(
            "Okej, jag har avbrutit frågan från FoU. Inget svar skickades.", "Okay, I have cancelled the question from FoU. No answer was sent.");
    static final LocalizedText NOTHING_TO_CANCEL = LocalizedText.of(
            "Det finns inget pågående ärende att avbryta.", "There is nothing in progress to cancel.");
    /** Under a question gone back to: what the person's answer to it was, to write again or change. */
    static final LocalizedText ANSWERED_BEFORE = LocalizedText.of("(Förut: {answer})", "(Before: {answer})");
    static final LocalizedText NOTHING_TO_GO_BACK_TO = LocalizedText.of(
            "Det här är första frågan – det finns inget att gå tillbaka till.",
            "This is the first question – there is nothing to go back to.");
    static final LocalizedText EARLIER_BUTTON = LocalizedText.of(
            "Den knappen hör till en tidigare fråga, så jag tog den inte som svar.",
            "That button belongs to an earlier question, so I did not take it as an answer.");
    static final LocalizedText ENDED_BUTTON = LocalizedText.of(
            "Den knappen hör till ett samtal som redan är avslutat, så den ändrar ingenting. Skriv ”hjälp” om du vill se vad jag kan hjälpa till med.",
            "That button belongs to a conversation that has already ended, so it changes nothing. Write “help” to see what I can help with.");
    static final LocalizedText QUESTION_AGAIN = LocalizedText.of("Okej, här är frågan igen.", "All right, here is the question again.");
    static final LocalizedText RESTARTED = LocalizedText.of("Vi börjar om från början.", "Let's start again from the beginning.");
    static final LocalizedText NOTHING_TO_RESTART = LocalizedText.of(
            "Det finns inget pågående ärende att börja om.", "There is nothing in progress to restart.");
    static final LocalizedText LANGUAGE_SET = LocalizedText.of("Okej, vi pratar svenska.", "Okay, let's talk in English.");
    /** The conversation's stored document could not be read: set aside, and begun again ({@link UnreadableConversations}). */
    static final LocalizedText UNREADABLE_SET_ASIDE = LocalizedText.of(
            "Jag kunde inte läsa vår tidigare konversation, så vi börjar om från början. Det du redan har skickat in finns kvar; "
                    + "det som inte var klart får du gärna skriva igen.",
            "I could not read our earlier conversation, so we are starting again from the beginning. What you have already "
                    + "sent in is kept; anything unfinished, please write again.");
    static final LocalizedText EXPIRED = LocalizedText.of(
            "Din förra påbörjade konversation ({title}) var inaktiv i mer än {period} och har avslutats. Inget skickades.",
            "Your earlier conversation ({title}) was idle for more than {period} and has ended. Nothing was sent.");
    /** A flow the bot started, stopped for another it starts (the person's own flow, when one waits, still waits). */
    static final LocalizedText REPLACED = LocalizedText.of(
            "(Den förra frågan till dig har avbrutits, eftersom en ny har kommit.)",
            "(The earlier question to you has been withdrawn, as a new one has come.)");
    static final LocalizedText EXPIRED_UNANSWERED = LocalizedText.of(
            "En fråga till dig ({title}) låg obesvarad i mer än {period} och har stängts.",
            "A question to you ({title}) went unanswered for more than {period} and has been closed.");
    static final LocalizedText STILL_SET_ASIDE = LocalizedText.of(
            "(Din påbörjade konversation – {title} – väntar fortfarande.)",
            "(Your unfinished conversation – {title} – is still on hold.)");
    static final LocalizedText SET_ASIDE = LocalizedText.of(
            "(Din påbörjade konversation – {title} – väntar så länge. När du har svarat fortsätter vi där du slutade.)",
            "(Your unfinished conversation – {title} – is on hold. Once you have answered, we will go on where you left off.)");
    static final LocalizedText RESUMED = LocalizedText.of(
            "Nu fortsätter vi där du slutade – {title}.", "Now let's go on where you left off – {title}.");
    /** A flow set aside goes on, but its questions changed meanwhile, so where it stood is not known. */
    static final LocalizedText RESUMED_FROM_START = LocalizedText.of(
            "Nu fortsätter vi med det du höll på med innan – {title}. Frågorna har ändrats sedan dess, så vi börjar om från början.",
            "Now let's go back to what you were doing before – {title}. Its questions have changed since, so we start again from the beginning.");
    static final LocalizedText WELCOME_BACK = LocalizedText.of(
            "Välkommen tillbaka! Vi fortsätter där vi slutade.", "Welcome back! Let's continue where we left off.");
    static final LocalizedText IDENTITY_NUMBER = LocalizedText.of(
            "Ditt meddelande ser ut att innehålla ett personnummer eller samordningsnummer. Skicka aldrig uppgifter om "
                    + "enskilda klienter hit – jag har inte sparat meddelandet. Skriv gärna igen utan numret. "
                    + "(Var det ett telefonnummer? Skriv det med mellanslag, t.ex. 070-123 45 67.)",
            "Your message seems to contain a Swedish personal identity number. Never send details about individual "
                    + "clients here – I have not stored the message. Please write it again without the number. "
                    + "(Was it a phone number? Write it with spaces, e.g. 070-123 45 67.)");
    static final LocalizedText SKIPPED_REQUIRED = LocalizedText.of(
            "Den här frågan behöver ett svar.", "This question needs an answer.");

    /** "7 dagar", "en dag", "3 timmar", "20 minuter": the idle timeout as a person reads it, in whole units. */
    static String period(java.time.Duration d, Language language) {
        boolean sv = language != Language.EN;
        long days = d.toDays();
        if (days > 0) {
            return days == 1 ? (sv ? "en dag" : "one day") : days + (sv ? " dagar" : " days");
        }
        long hours = d.toHours();
        if (hours > 0) {
            return hours == 1 ? (sv ? "en timme" : "one hour") : hours + (sv ? " timmar" : " hours");
        }
        long minutes = Math.max(1, d.toMinutes());
        return minutes == 1 ? (sv ? "en minut" : "one minute") : minutes + (sv ? " minuter" : " minutes");
    }

    /** A whole number as the language writes it ("3 000", "3,000"); anything else as it is. */
    static String number(String digits, Language language) {
        try {
            java.util.Locale locale = language == Language.EN ? java.util.Locale.UK : java.util.Locale.forLanguageTag("sv-SE");
            return java.text.NumberFormat.getIntegerInstance(locale).format(Long.parseLong(digits));
        } catch (NumberFormatException notAWholeNumber) {
            return digits;
        }
    }
}
