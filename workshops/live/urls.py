"""The live room's addresses: the facilitators' under the session, the phones' under
/live/ (the join code, a table host's link or a story's receipt is the credential)."""

from django.urls import path

from workshops.live.views import moderate, phone, room, wall

app_name = "live"

ROOM = "areas/<slug:area_slug>/sessions/<int:session_id>/live/"
ITEM = f"{ROOM}items/<int:item_id>/"

urlpatterns = [
    path(ROOM, room.room, name="room"),
    path(f"{ROOM}open/", room.room_open, name="room-open"),
    path(f"{ROOM}close/", room.room_close, name="room-close"),
    path(f"{ROOM}tables/", room.table_link, name="table-link"),
    path(f"{ROOM}tables/withdraw/", room.table_links_withdraw, name="table-links-withdraw"),
    path(f"{ROOM}vote/open/", room.vote_open, name="vote-open"),
    path(f"{ROOM}vote/close/", room.vote_close, name="vote-close"),
    path(f"{ROOM}vote/actions/", room.ideas_to_actions, name="ideas-to-actions"),
    path(f"{ROOM}queue/", moderate.queue, name="queue"),
    path(f"{ITEM}accept/", moderate.item_accept, name="item-accept"),
    path(f"{ITEM}merge/", moderate.item_merge, name="item-merge"),
    path(f"{ITEM}set-aside/", moderate.item_set_aside, name="item-set-aside"),
    path(f"{ITEM}restore/", moderate.item_restore, name="item-restore"),
    path(f"{ROOM}wall/", wall.wall, name="wall"),
]

urlpatterns += [
    path("live/", phone.join, name="phone-join"),
    path("live/receipt/<str:token>/", phone.receipt, name="phone-receipt"),
    path("live/table/<str:token>/", phone.table_home, name="table-room"),
    path("live/table/<str:token>/<slug:kind>/", phone.table_send, name="table-send"),
    path("live/<str:code>/", phone.room_home, name="phone-room"),
    path("live/<str:code>/about-you/", phone.about_you, name="phone-about"),
    path("live/<str:code>/vote/", phone.vote, name="phone-vote"),
    path("live/<str:code>/<slug:kind>/", phone.send, name="phone-send"),
]
