-- AddForeignKey
ALTER TABLE "ItemUncertainty" ADD CONSTRAINT "ItemUncertainty_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RmItemAgreement" ADD CONSTRAINT "RmItemAgreement_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
