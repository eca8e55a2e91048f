package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RefuseOtherWorkspacesTest {

    @Test
    void aPayloadIsTheBotsOwnWhenItNamesTheBotsWorkspaceOrItsOrganisation() {
        assertThat(RefuseOtherWorkspaces.belongs(List.of("T0FOU"), "T0FOU", null)).isTrue();
        // a person of a partner's workspace, in a channel shared through the bot's installation
        assertThat(RefuseOtherWorkspaces.belongs(List.of("T0FOU", "T0PARTNER"), "T0FOU", "")).isTrue();
        // Enterprise Grid: another workspace of the same organisation, the app installed for the organisation
        assertThat(RefuseOtherWorkspaces.belongs(List.of("T0SOUTH", "E0CITY"), null, "E0CITY")).isTrue();
        assertThat(RefuseOtherWorkspaces.belongs(List.of("T0SOUTH", "E0CITY"), "T0FOU", "E0CITY")).isTrue();
    }

    @Test
    void aPayloadNamingOnlyOtherWorkspacesIsAnotherWorkspaces() {
        assertThat(RefuseOtherWorkspaces.belongs(List.of("T0OTHER"), "T0FOU", null)).isFalse();
        assertThat(RefuseOtherWorkspaces.belongs(List.of("T0OTHER", "E0ELSE"), "T0FOU", "E0CITY")).isFalse();
    }

    @Test
    void whenSlackHasNotSaidWhoTheBotIsNothingIsRefused() {
        assertThat(RefuseOtherWorkspaces.belongs(List.of("T0OTHER"), null, null)).isTrue();
        assertThat(RefuseOtherWorkspaces.belongs(List.of("T0OTHER"), "", "")).isTrue();
    }
}
