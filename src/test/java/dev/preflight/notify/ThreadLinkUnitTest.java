package dev.preflight.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThreadLinkUnitTest {

    @Test
    void aReplyLinkNamesItsThreadsRoot() {
        ThreadLink link =
                ThreadLink.parse("https://teams.microsoft.com/l/message/19%3Aa1b2%40thread.tacv2/1711111111111"
                        + "?tenantId=x&groupId=y&parentMessageId=1710000000000&teamName=T&channelName=C&createdTime=1");

        assertThat(link.channelId()).isEqualTo("19:a1b2@thread.tacv2");
        assertThat(link.messageId()).isEqualTo("1711111111111");
        assertThat(link.rootMessageId()).isEqualTo("1710000000000");
    }

    @Test
    void aRootMessageLinkIsItsOwnRoot() {
        assertThat(ThreadLink.parse(
                                "https://teams.microsoft.com/l/message/19%3Aa%40thread.tacv2/1711111111111?tenantId=x")
                        .rootMessageId())
                .isEqualTo("1711111111111");
    }

    @Test
    void malformedLinksAreRefusedClearly() {
        assertThatThrownBy(() -> ThreadLink.parse("not a link at all")).hasMessageStartingWith("thread link is not a");
        assertThatThrownBy(() -> ThreadLink.parse("http://teams.microsoft.com/l/message/c/1"))
                .hasMessageStartingWith("thread link is not a Teams link");
        assertThatThrownBy(() -> ThreadLink.parse("https://teams.microsoft.com/l/channel/c/General"))
                .hasMessageStartingWith("thread link is not a Teams message link");
        assertThatThrownBy(() -> ThreadLink.parse("https://teams.microsoft.com/l/message/c/1?parentMessageId=abc"))
                .hasMessage("thread link has a parentMessageId that is not a message id: abc");
    }
}
