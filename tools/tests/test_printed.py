"""Finding a README's email block in what the server printed."""

from tools.walkthrough.copies import Copies
from tools.walkthrough.printed import MAIL_END, Printed

LINK = "http://127.0.0.1:8000/activate/Mg/cz3h2n-0123456789abcdef0123456789abcdef/"


def server_output(tmp_path, *mails):
    path = tmp_path / "server.out"
    path.write_text("".join(f"Content-Type: text/plain\n{mail}\n{MAIL_END}\n" for mail in mails))
    return Printed(path)


def test_a_dotted_line_stands_for_any_lines_of_the_same_email(tmp_path):
    printed = server_output(tmp_path, f"Subject: Activate\nHello\nThanks\n{LINK}")
    problems, _ = printed.find("Subject: Activate\n...\n" + LINK, Copies())
    assert problems == []


def test_a_dotted_line_does_not_reach_into_the_next_email(tmp_path):
    printed = server_output(tmp_path, "Subject: Activate\nHello", f"Subject: Reset\n{LINK}")
    problems, _ = printed.find("Subject: Activate\n...\n" + LINK, Copies())
    assert problems[0].startswith("The server printed no such email.")


def test_an_email_once_matched_is_not_found_again(tmp_path):
    printed = server_output(tmp_path, "Subject: Activate")
    printed.find("Subject: Activate", Copies())
    problems, _ = printed.find("Subject: Activate", Copies())
    assert problems == ["The server printed no such email. It printed:\n(none)"]


def test_a_token_in_an_email_is_remembered_for_later_commands(tmp_path):
    printed = server_output(tmp_path, LINK.replace("cz3h2n", "d00d1e"))
    copies = Copies()
    printed.find(LINK, copies)
    assert copies.apply(f"curl {LINK}") == f"curl {LINK.replace('cz3h2n', 'd00d1e')}"
