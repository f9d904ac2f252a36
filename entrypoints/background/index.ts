export default defineBackground(() => {
  // Let the toolbar icon open the side panel; the panel shows the current ticket.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
});
